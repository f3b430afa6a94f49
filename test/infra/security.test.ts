import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { nagFindings, type Synthesized } from "../../scripts/synth.js";
import { App, Stack } from "aws-cdk-lib";
import { lambdaTargetActions, lambdaTargetStatements, tableItemActions } from "../../stacks/permissions.js";
import {
  actionsOf,
  readable,
  functionByHandler,
  resourcesOf,
  resourcesOfType,
  statementsOfFunction,
  synthesized,
  templateJson,
  type CfnTemplate,
  type PolicyStatementJson,
  type StackName,
} from "./app.js";

const stacks: StackName[] = ["Storage", "Secrets", "Orchestration", "Api", "OutboxRelay", "Alarms"];
const handlers = {
  api: ["Api", "packages/functions/src/api.handler"],
  step: ["Orchestration", "packages/functions/src/step.handler"],
  relay: ["OutboxRelay", "packages/functions/src/stream.handler"],
  deliveries: ["OutboxRelay", "packages/functions/src/deliveries.handler"],
  resume: ["Orchestration", "packages/functions/src/resume.handler"],
} as const;

let dev: Synthesized;
let prod: Synthesized;
beforeAll(async () => {
  dev = await synthesized("dev");
  prod = await synthesized("prod");
});

function statementsFor(name: keyof typeof handlers) {
  const [stack, handler] = handlers[name];
  const t = templateJson(dev, stack);
  const [id] = functionByHandler(t, handler);
  return statementsOfFunction(t, id);
}

/** Action -> resources (as readable text), so a test can state a whole policy. */
function policyMap(statements: PolicyStatementJson[]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const s of statements) {
    expect(s.Effect).toBe("Allow");
    for (const action of actionsOf(s)) (map[action] ??= []).push(...resourcesOf(s).map(readable));
  }
  return map;
}

const xray = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"];
const tableActions = [...tableItemActions].sort();

describe("least privilege", () => {
  it("grants no wildcard action anywhere", () => {
    for (const app of [dev, prod]) {
      for (const stack of stacks) {
        for (const [, policy] of resourcesOfType(templateJson(app, stack), "AWS::IAM::Policy")) {
          for (const s of policy.Properties!.PolicyDocument.Statement as PolicyStatementJson[]) {
            for (const action of actionsOf(s)) expect(action, `${stack}: ${action}`).not.toContain("*");
          }
        }
      }
    }
  });

  it("API: table items, start/stop/describe executions and task success/failure on this state machine, its secrets, invoking itself (Slack work)", () => {
    const policy = policyMap(statementsFor("api"));
    expect(Object.keys(policy).sort()).toEqual(
      [
        ...tableActions,
        "lambda:InvokeFunction",
        "ssm:GetParameters",
        "states:DescribeExecution",
        "states:SendTaskFailure",
        "states:SendTaskSuccess",
        "states:StartExecution",
        "states:StopExecution",
        ...xray,
      ].sort(),
    );
    const arn = "arn:aws:states:us-east-1:123456789012";
    for (const action of ["states:StartExecution", "states:SendTaskSuccess", "states:SendTaskFailure"]) {
      expect(policy[action]).toEqual([`${arn}:stateMachine:dev-rollgate-Rollout`]);
    }
    for (const action of ["states:StopExecution", "states:DescribeExecution"]) {
      expect(policy[action]).toEqual([`${arn}:execution:dev-rollgate-Rollout:*`]);
    }
    expect(policy["ssm:GetParameters"]!.join()).toMatch(/Secret\/ADMIN_TOKEN\/value.*Secret\/CURSOR_SECRET\/value|Secret\/CURSOR_SECRET\/value.*Secret\/ADMIN_TOKEN\/value/);
    expect(policy["ssm:GetParameters"]!.join()).not.toContain("WEBHOOK_SECRET");
    for (const name of ["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN"]) expect(policy["ssm:GetParameters"]!.join()).toContain(`Secret/${name}/value`);
    // Only itself: the ARN of the API function, nothing else.
    const [apiFunctionId] = functionByHandler(templateJson(dev, "Api"), "packages/functions/src/api.handler");
    expect(policy["lambda:InvokeFunction"]).toEqual([`<getatt:${apiFunctionId}.Arn>`]);
  });

  it("step Lambda: table items (the table and its one GSI, no Scan), the sealing key for new approval links, nothing on Step Functions", () => {
    const policy = policyMap(statementsFor("step"));
    expect(Object.keys(policy).sort()).toEqual([...tableActions, "ssm:GetParameters", ...xray].sort());
    const tableArn = "<import:dev-rollgate-Storage:ExportsOutputFnGetAttTableCD117FA1ArnE2C8C204>";
    for (const action of tableActions) expect(policy[action]).toEqual([tableArn, `${tableArn}/index/gsi1`]);
    expect(policy["ssm:GetParameters"]!.join()).toContain("Secret/SEALING_KEY/value");
    // It seals links; it never sends them.
    expect(policy["ssm:GetParameters"]!.join()).not.toContain("WEBHOOK_SECRET");
  });

  it("relay Lambda: reads the table's stream, writes webhook delivery items (table items, no Scan) and sends to its DLQ, nothing else", () => {
    const policy = policyMap(statementsFor("relay"));
    const tableArn = "<import:dev-rollgate-Storage:ExportsOutputFnGetAttTableCD117FA1ArnE2C8C204>";
    for (const action of tableActions) expect(policy[action]).toEqual([tableArn, `${tableArn}/index/gsi1`]);
    expect(Object.keys(policy).sort()).toEqual(
      [
        ...tableActions,
        "dynamodb:DescribeStream",
        "dynamodb:GetRecords",
        "dynamodb:GetShardIterator",
        "dynamodb:ListStreams",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueUrl",
        "sqs:SendMessage",
        ...xray,
      ].sort(),
    );
    expect(policy["dynamodb:GetRecords"]![0]).toContain("StreamArn");
    expect(policy["sqs:SendMessage"]![0]).toContain("RelayDeadLetters");
  });
});

describe("the webhook delivery function's permissions", () => {
  it("table items (no Scan), the table's stream, the Slack bot token and the approval-link secrets, nothing else: no queue, no Step Functions, no other secret", () => {
    const policy = policyMap(statementsFor("deliveries"));
    const tableArn = "<import:dev-rollgate-Storage:ExportsOutputFnGetAttTableCD117FA1ArnE2C8C204>";
    for (const action of tableActions) expect(policy[action]).toEqual([tableArn, `${tableArn}/index/gsi1`]);
    expect(Object.keys(policy).sort()).toEqual(
      [...tableActions, "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams", "ssm:GetParameters", ...xray].sort(),
    );
    const secrets = policy["ssm:GetParameters"]!.join();
    for (const name of ["SLACK_BOT_TOKEN", "WEBHOOK_SECRET", "SEALING_KEY"]) expect(secrets).toContain(`Secret/${name}/value`);
    for (const other of ["SLACK_SIGNING_SECRET", "ADMIN_TOKEN", "CURSOR_SECRET"]) expect(secrets).not.toContain(other);
  });
});

describe("the lambda-alias target's permissions (opt-in, ROLLGATE_LAMBDA_TARGETS)", () => {
  const stack = new Stack(new App(), "T", { env: { account: "123456789012", region: "us-east-1" } });

  it("are absent unless functions are named", () => {
    expect(lambdaTargetStatements(stack, undefined)).toEqual([]);
    expect(lambdaTargetStatements(stack, " , ")).toEqual([]);
  });

  it("cover only the named functions (and their versions/aliases) plus GetMetricData", () => {
    const [functions, metrics] = lambdaTargetStatements(stack, "checkout-api, arn:aws:lambda:eu-west-1:210987654321:function:billing")
      .map((s) => stack.resolve(s.toStatementJson()) as PolicyStatementJson);
    expect(actionsOf(functions!)).toEqual([...lambdaTargetActions]);
    expect(resourcesOf(functions!).map(readable)).toEqual([
      "arn:aws:lambda:us-east-1:123456789012:function:checkout-api",
      "arn:aws:lambda:us-east-1:123456789012:function:checkout-api:*",
      "arn:aws:lambda:eu-west-1:210987654321:function:billing",
      "arn:aws:lambda:eu-west-1:210987654321:function:billing:*",
    ]);
    expect(metrics).toMatchObject({ Action: "cloudwatch:GetMetricData", Resource: "*" });
  });
});

describe("Lambdas", () => {
  const allFunctions = (app: Synthesized) =>
    stacks.flatMap((stack) => resourcesOfType(templateJson(app, stack), "AWS::Lambda::Function").map(([id, fn]) => ({ stack, id, fn })));

  it("run on arm64 and Node 20 or newer, every one of them", () => {
    const functions = allFunctions(dev);
    expect(functions.length).toBeGreaterThanOrEqual(3);
    for (const { stack, id, fn } of functions) {
      expect(fn.Properties?.Architectures, `${stack}/${id}`).toEqual(["arm64"]);
      const major = Number(/^nodejs(\d+)\.x$/.exec(fn.Properties?.Runtime)?.[1]);
      expect(major, `${stack}/${id}`).toBeGreaterThanOrEqual(20);
    }
  });

  it("are bundled by SST (ESM, minified) with the AWS SDK v3 inside, tree-shaken (the faster cold start)", () => {
    for (const [stack, handler] of Object.values(handlers)) {
      const t = templateJson(dev, stack);
      const [, fn] = functionByHandler(t, handler);
      const assetDir = join(dev.assembly.directory, `asset.${String(fn.Properties?.Code.S3Key).replace(/\.zip$/, "")}`);
      const bundle = join(assetDir, handler.replace(/\.handler$/, ".mjs"));
      expect(existsSync(bundle), bundle).toBe(true);
      const code = readFileSync(bundle, "utf8");
      expect(/^import /m.test(code), `${handler} is ESM`).toBe(true);
      // Nothing is imported from the runtime's SDK copy: the clients are in the bundle.
      expect(code.match(/(from\s*|import\()"@aws-sdk\/[a-z0-9-]+"/g) ?? [], `${handler} imports the runtime's SDK`).toEqual([]);
      expect(code.includes("DynamoDBClient"), `${handler} bundles the DynamoDB client`).toBe(true);
      expect(code.split("\n").some((line) => line.length > 10_000), `${handler} is minified`).toBe(true);
      const files = readdirSync(assetDir, { recursive: true }).map(String);
      expect(files.filter((f) => f.includes("node_modules"))).toEqual([]);
      expect(statSync(bundle).size).toBeLessThan(5 * 1024 * 1024);
    }
  });
});

describe("cdk-nag (AwsSolutions)", () => {
  it("reports no unsuppressed error in any stack, dev or prod", () => {
    expect(nagFindings(dev, "error")).toEqual([]);
    expect(nagFindings(prod, "error")).toEqual([]);
  });

  it("gives every suppression a reason", () => {
    for (const stack of stacks) {
      const t: CfnTemplate & { Resources: Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress: Array<{ id: string; reason: string }> } } }> } =
        templateJson(dev, stack) as never;
      for (const [id, resource] of Object.entries(t.Resources)) {
        for (const rule of resource.Metadata?.cdk_nag?.rules_to_suppress ?? []) {
          expect(rule.reason.length, `${stack}/${id} ${rule.id}`).toBeGreaterThanOrEqual(20);
        }
      }
    }
  });
});
