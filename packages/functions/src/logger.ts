import { Logger } from "@aws-lambda-powertools/logger";

/** Structured JSON logs (Powertools). Level from POWERTOOLS_LOG_LEVEL, or ROLLGATE_LOG_LEVEL locally. */
export function createLogger(serviceName = "rollgate") {
  const level = (process.env.ROLLGATE_LOG_LEVEL ?? process.env.POWERTOOLS_LOG_LEVEL ?? "INFO").toUpperCase();
  return new Logger({ serviceName, logLevel: level as "INFO" });
}
