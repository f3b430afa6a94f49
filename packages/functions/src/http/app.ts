import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { ZodError } from "zod";
import { isStorageUnavailable } from "@rollgate/core/store";
import { authenticate } from "./auth.js";
import { docsRoutes } from "./routes/docs.js";
import { serviceRoutes } from "./routes/service.js";
import { bearerSecurityScheme, documentConfig, documentOf } from "./openapi.js";
import { ProblemSchema } from "./schemas.js";
import { specRoutes } from "./routes/specs.js";
import { tokenRoutes } from "./routes/tokens.js";
import { principalRoutes } from "./routes/principals.js";
import { deploymentRoutes } from "./routes/deployments.js";
import { approvalLinkRoutes } from "./routes/approval-links.js";
import { policyRoutes } from "./routes/policy.js";
import { targetRoutes } from "./routes/targets.js";
import { eventRoutes } from "./routes/events.js";
import { webhookRoutes } from "./routes/webhooks.js";
import { slackRoutes, slackUserRoutes } from "./routes/slack.js";
import { uiRoutes } from "./ui/index.js";
import type { AppEnv, AppServices } from "./env.js";
import { problem, problemForError, redactPath, zodIssues } from "./problem.js";
import { methodNotAllowed } from "./method-not-allowed.js";

/** The document's header (servers, tags, licence) lives with the other shared OpenAPI parts. */
export const apiInfo = documentConfig;

/** The hono app: one for the Lambda handler and the local server alike. */
export function createApp(services: AppServices) {
  const app = new OpenAPIHono<AppEnv>({
    // Request validation failures: a body that parses but breaks the schema is 422; bad
    // query, path or header values are 400. Both name the fields.
    defaultHook: (result, c) => {
      if (result.success) return;
      const status = result.target === "json" ? 422 : 400;
      return problem(c, status, "REQUEST_INVALID", "The request does not match the API's schema.", {
        errors: zodIssues(result.error.issues),
      });
    },
  });
  const { logger } = services;

  app.use("*", requestId({ headerName: "x-request-id", limitLength: 128 }));
  app.use("*", async (c, next) => {
    const started = performance.now();
    await next();
    logger.info("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      path: redactPath(c.req.path),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      subject: c.get("principal")?.subject,
    });
  });
  app.use(
    "*",
    bodyLimit({
      maxSize: services.config.maxBodyBytes,
      onError: (c) => {
        // The rest of the body is never read, and the node server drops such a connection
        // soon after: say so, or a pooled client reuses it and its next request fails.
        c.header("Connection", "close");
        return problem(c, 413, "BODY_TOO_LARGE", `Request bodies are limited to ${services.config.maxBodyBytes} bytes.`, {
          limit: services.config.maxBodyBytes,
        });
      },
    }),
  );

  // Unauthenticated: /health (cheap, the probe is cached) and /openapi.json (finished by openapi.ts).
  app.route("/", serviceRoutes(services, documentOf(app)));
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", bearerSecurityScheme);
  app.openAPIRegistry.register("Problem", ProblemSchema);
  app.route("/", docsRoutes());
  app.route("/", approvalLinkRoutes(services));
  app.route("/", slackRoutes(services));
  // The dashboard: server-rendered pages with their own sign-in; not in the OpenAPI document.
  app.route("/ui", uiRoutes(services));

  app.use("/v1/*", authenticate(services.credentials));
  app.route("/", specRoutes(services));
  app.route("/", tokenRoutes(services));
  app.route("/", principalRoutes(services));
  app.route("/", deploymentRoutes(services));
  app.route("/", policyRoutes(services));
  app.route("/", targetRoutes(services));
  app.route("/", eventRoutes(services));
  app.route("/", webhookRoutes(services));
  app.route("/", slackUserRoutes(services));

  app.notFound((c) => methodNotAllowed(c, app.routes) ?? problem(c, 404, "NOT_FOUND", `No route for ${c.req.method} ${c.req.path}.`));
  app.onError((error, c) => {
    if (isStorageUnavailable(error)) logger.warn("storage unavailable", { requestId: c.get("requestId"), error: error.name });
    const mapped = problemForError(c, error);
    if (mapped) return mapped;
    if (error instanceof ZodError) {
      return problem(c, 400, "REQUEST_INVALID", "The request does not match the API's schema.", { errors: zodIssues(error.issues) });
    }
    if (error instanceof SyntaxError && /JSON/i.test(error.message)) {
      return problem(c, 400, "MALFORMED_JSON", "The request body is not valid JSON.", { errors: [{ path: "", message: error.message }] });
    }
    if (error instanceof HTTPException && error.status < 500) {
      // hono's validators throw these for unreadable bodies (malformed JSON, bad form data).
      const code = error.status === 415 ? "UNSUPPORTED_MEDIA_TYPE" : /json/i.test(error.message) ? "MALFORMED_JSON" : "BAD_REQUEST";
      return problem(c, error.status as 400, code, error.message || "The request could not be read.");
    }
    logger.error("unhandled error", { requestId: c.get("requestId"), error: error as Error });
    return problem(c, 500, "INTERNAL", `Something went wrong on our side. Quote request id ${c.get("requestId")}.`);
  });
  return app;
}

export type RollgateApp = ReturnType<typeof createApp>;
