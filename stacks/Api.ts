/**
 * The HTTP API: API Gateway HTTP API with one `$default` route to the hono app. Routing,
 * authentication and error mapping live in the app, so the same app serves `npm start`.
 */
import { Api as HttpApi, Function, use, type StackContext } from "sst/constructs";
import { Policy, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { NagSuppressions } from "cdk-nag";
import { functionDefaults, functionLogGroup } from "./defaults.js";
import { suppressExecutionWildcard, suppressFunctionFindings } from "./nag.js";
import { rolloutExecutionsArn, rolloutStateMachineArn } from "./naming.js";
import { tableReadWrite } from "./permissions.js";
import { Secrets } from "./Secrets.js";
import { Storage } from "./Storage.js";

/** The files packages/functions/src/http/routes/docs.ts serves. */
export const docsAssets = ["swagger-ui.css", "swagger-ui-bundle.js"] as const;

/** Stage-wide throttling; a control plane's traffic is CI calls and humans. */
export const apiThrottle = { rate: 50, burst: 100 } as const;

/**
 * CORS for the origins in `ROLLGATE_CORS_ORIGINS` (comma-separated, read at deploy time);
 * none by default: CI and the approval pages call the API without a browser origin.
 */
export function corsSettings(originsSetting: string | undefined) {
  const allowOrigins = (originsSetting ?? "").split(",").map((o) => o.trim()).filter(Boolean);
  if (allowOrigins.length === 0) return false as const;
  return {
    allowOrigins,
    allowHeaders: ["authorization", "content-type", "idempotency-key"],
    allowMethods: ["ANY" as const],
  };
}

/** The Slack settings that are not secrets, read at deploy time (README, "Slack"). */
export function slackEnvironment(env: Record<string, string | undefined> = process.env): Record<string, string> {
  const names = ["ROLLGATE_SLACK_CHANNEL", "ROLLGATE_SLACK_API_URL", "ROLLGATE_SLACK_TEAM_ID"];
  return Object.fromEntries(names.filter((name) => env[name]).map((name) => [name, env[name]!]));
}

export function Api({ stack, app }: StackContext) {
  const { table } = use(Storage);
  const secrets = use(Secrets);
  const stateMachineArn = rolloutStateMachineArn(stack, app);

  const apiFunction = new Function(stack, "ApiHandler", {
    ...functionDefaults,
    handler: "packages/functions/src/api.handler",
    // /docs serves Swagger UI's two assets from the bundle (no CDN); the bundler only takes JS.
    copyFiles: docsAssets.map((name) => ({ from: `node_modules/swagger-ui-dist/${name}`, to: `swagger-ui/${name}` })),
    timeout: 29, // API Gateway's integration limit
    logGroup: functionLogGroup(stack, "ApiHandler"),
    environment: {
      ...functionDefaults.environment,
      ROLLGATE_TABLE_NAME: table.tableName,
      ROLLGATE_STATE_MACHINE_ARN: stateMachineArn,
    },
    bind: [secrets.adminToken, secrets.cursorSecret, secrets.slackSigningSecret, secrets.slackBotToken],
  });
  for (const [name, value] of Object.entries(slackEnvironment())) apiFunction.addEnvironment(name, value);
  // Slack work that may outlast Slack's 3 s runs in an async invoke of this function (slack-jobs.ts).
  // A policy of its own: the function does not wait for it, so its own ARN is no cycle.
  const selfInvoke = new Policy(stack, "ApiSelfInvoke", {
    statements: [new PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [apiFunction.functionArn] })],
  });
  selfInvoke.attachToRole(apiFunction.role!);
  apiFunction.addToRolePolicy(tableReadWrite(table));
  apiFunction.addToRolePolicy(
    new PolicyStatement({
      actions: ["states:StartExecution", "states:SendTaskSuccess", "states:SendTaskFailure"],
      resources: [stateMachineArn],
    }),
  );
  apiFunction.addToRolePolicy(
    new PolicyStatement({
      actions: ["states:StopExecution", "states:DescribeExecution"],
      resources: [rolloutExecutionsArn(stack, app)],
    }),
  );
  suppressFunctionFindings(apiFunction);
  suppressExecutionWildcard(apiFunction);

  const api = new HttpApi(stack, "Api", {
    cors: corsSettings(process.env.ROLLGATE_CORS_ORIGINS),
    accessLog: { retention: "one_month" },
    defaults: { throttle: apiThrottle },
    routes: { $default: apiFunction },
  });
  NagSuppressions.addResourceSuppressions(
    api,
    [
      {
        id: "AwsSolutions-APIG4",
        reason: "The hono app authenticates every route itself (hashed bearer tokens); /health and approval links are public by design.",
      },
    ],
    true,
  );
  // Approval links in notifications point here.
  apiFunction.addEnvironment("ROLLGATE_PUBLIC_BASE_URL", api.url);

  stack.addOutputs({ ApiUrl: api.url });
  return { api, apiFunction };
}
