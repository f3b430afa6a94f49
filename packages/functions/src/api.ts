import { handle } from "hono/aws-lambda";
import { createLambdaRuntime } from "./lambda-runtime.js";

/** API Gateway HTTP API -> the hono app. Services are built once per container. */
export const handler = handle(createLambdaRuntime().app);
