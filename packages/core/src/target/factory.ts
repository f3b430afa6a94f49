import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { TargetSettings } from "../rollout/settings.js";
import type { TableContext } from "../store/index.js";
import { TargetConfigError } from "./errors.js";
import { createLambdaAliasTarget } from "./lambda-alias.js";
import type { TrafficTarget } from "./port.js";
import { createSimulatedTarget } from "./simulated.js";
import { createWebhookTarget, type WebhookOptions } from "./webhook.js";

/** What the adapters may need; SDK clients are built once per process and injected. */
export interface TrafficTargetDeps {
  table: TableContext;
  fetch?: typeof fetch;
  lambda?: LambdaClient;
  cloudwatch?: CloudWatchClient;
  /** Where webhook secrets are looked up (`secret_env`). Default process.env. */
  env?: Record<string, string | undefined>;
  clock?: () => Date;
  webhook?: WebhookOptions;
}

/** The traffic target for `deployment.target`; without settings, a healthy simulated one. */
export function createTrafficTarget(settings: TargetSettings | undefined, deps: TrafficTargetDeps): TrafficTarget {
  const target = settings ?? { type: "simulated" as const };
  switch (target.type) {
    case "simulated":
      return createSimulatedTarget(target, deps);
    case "webhook":
      return createWebhookTarget(target, { fetch: deps.fetch, env: deps.env, clock: deps.clock, options: deps.webhook });
    case "lambda-alias": {
      const { lambda, cloudwatch } = deps;
      if (!lambda || !cloudwatch) {
        throw new TargetConfigError("A lambda-alias target needs Lambda and CloudWatch clients; this runtime has none.", {
          context: { target: "lambda-alias" },
        });
      }
      return createLambdaAliasTarget(target, { table: deps.table, lambda, cloudwatch, clock: deps.clock });
    }
  }
}
