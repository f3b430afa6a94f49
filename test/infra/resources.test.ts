import { beforeAll, describe, expect, it } from "vitest";
import { alertMetrics } from "@rollgate/core/events";
import { tableDefinition } from "@rollgate/core/store";
import type { Synthesized } from "../../scripts/synth.js";
import { corsSettings } from "../../stacks/Api.js";
import { relayRetryAttempts } from "../../stacks/OutboxRelay.js";
import { functionByHandler, onlyResource, readable, resourcesOfType, synthesized, templateJson } from "./app.js";

let dev: Synthesized;
let prod: Synthesized;
beforeAll(async () => {
  dev = await synthesized("dev");
  prod = await synthesized("prod");
});

describe("Storage stack: the table from core's definition", () => {
  it("has the definition's keys, GSI, stream, TTL and billing, with point-in-time recovery", () => {
    const [, table] = onlyResource(templateJson(dev, "Storage"), "AWS::DynamoDB::Table");
    const d = tableDefinition;
    expect(table.Properties).toMatchObject({
      KeySchema: [
        { AttributeName: d.partitionKey, KeyType: "HASH" },
        { AttributeName: d.sortKey, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: d.gsi1.name,
          KeySchema: [
            { AttributeName: d.gsi1.partitionKey, KeyType: "HASH" },
            { AttributeName: d.gsi1.sortKey, KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
      StreamSpecification: { StreamViewType: "NEW_AND_OLD_IMAGES" },
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it("protects a real stage's table from deletion and keeps it on `sst remove`; a dev stage's goes away", () => {
    const [, prodTable] = onlyResource(templateJson(prod, "Storage"), "AWS::DynamoDB::Table");
    expect(prodTable.Properties?.DeletionProtectionEnabled).toBe(true);
    expect(prodTable.DeletionPolicy).toBe("Retain");
    const [, devTable] = onlyResource(templateJson(dev, "Storage"), "AWS::DynamoDB::Table");
    expect(devTable.Properties?.DeletionProtectionEnabled).toBe(false);
    expect(devTable.DeletionPolicy).toBe("Delete");
  });
});

describe("Api stack: HTTP API with the hono Lambda", () => {
  it("routes everything ($default) to the api handler through a Lambda proxy integration", () => {
    const t = templateJson(dev, "Api");
    const [apiFunctionId] = functionByHandler(t, "packages/functions/src/api.handler");
    const [apiId, api] = onlyResource(t, "AWS::ApiGatewayV2::Api");
    expect(api.Properties?.ProtocolType).toBe("HTTP");
    const [, route] = onlyResource(t, "AWS::ApiGatewayV2::Route");
    expect(route.Properties?.RouteKey).toBe("$default");
    const [, integration] = onlyResource(t, "AWS::ApiGatewayV2::Integration");
    expect(integration.Properties).toMatchObject({
      ApiId: { Ref: apiId },
      IntegrationType: "AWS_PROXY",
      PayloadFormatVersion: "2.0",
      IntegrationUri: { "Fn::GetAtt": [apiFunctionId, "Arn"] },
    });
  });

  it("throttles by default and writes access logs to a log group with retention", () => {
    const t = templateJson(dev, "Api");
    const [, stage] = onlyResource(t, "AWS::ApiGatewayV2::Stage");
    expect(stage.Properties?.DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 });
    const logGroupId = stage.Properties?.AccessLogSettings.DestinationArn["Fn::GetAtt"][0];
    expect(t.Resources[logGroupId]).toMatchObject({ Type: "AWS::Logs::LogGroup", Properties: { RetentionInDays: 30 } });
    expect(stage.Properties?.AccessLogSettings.Format).toContain('"requestId":"$context.requestId"');
    expect(stage.Properties?.AccessLogSettings.Format).toContain('"status":$context.status');
  });

  it("has no CORS unless origins are configured", () => {
    const [, api] = onlyResource(templateJson(dev, "Api"), "AWS::ApiGatewayV2::Api");
    expect(api.Properties?.CorsConfiguration).toBeUndefined();
    expect(corsSettings(undefined)).toBe(false);
    expect(corsSettings(" ")).toBe(false);
    expect(corsSettings("https://a.example, https://b.example")).toMatchObject({
      allowOrigins: ["https://a.example", "https://b.example"],
    });
  });

  it("passes configuration by name and secrets through SST Config (SSM), never as literals", () => {
    const t = templateJson(dev, "Api");
    const [, fn] = functionByHandler(t, "packages/functions/src/api.handler");
    const env = fn.Properties?.Environment.Variables as Record<string, unknown>;
    expect(env).toMatchObject({
      SST_Secret_value_ADMIN_TOKEN: "__FETCH_FROM_SSM__",
      SST_Secret_value_CURSOR_SECRET: "__FETCH_FROM_SSM__",
      SST_SSM_PREFIX: "/sst/rollgate/dev/",
      ROLLGATE_TABLE_NAME: { "Fn::ImportValue": expect.stringContaining("dev-rollgate-Storage") },
    });
    // the API addresses the state machine by its fixed name (no reference: see stacks/naming.ts)
    const [, stateMachine] = onlyResource(templateJson(dev, "Orchestration"), "AWS::StepFunctions::StateMachine");
    expect(stateMachine.Properties?.StateMachineName).toBe("dev-rollgate-Rollout");
    expect(readable(env.ROLLGATE_STATE_MACHINE_ARN)).toBe("arn:aws:states:us-east-1:123456789012:stateMachine:dev-rollgate-Rollout");
    const [, step] = functionByHandler(templateJson(dev, "Orchestration"), "packages/functions/src/step.handler");
    // approval links sent by the step Lambda point at the API
    expect(readable(step.Properties?.Environment.Variables.ROLLGATE_PUBLIC_BASE_URL)).toMatch(/^<import:dev-rollgate-Api:.*ApiEndpoint.*>$/);
    // every literal value is a name, a flag or an SSM placeholder
    for (const [name, value] of Object.entries(env)) {
      if (typeof value !== "string") continue;
      expect(`${name}=${value}`).toMatch(/^(SST_Secret_value_\w+=__FETCH_FROM_SSM__|SST_\w+=[\w/-]+|POWERTOOLS_SERVICE_NAME=rollgate|AWS_NODEJS_CONNECTION_REUSE_ENABLED=1)$/);
    }
  });
});

describe("OutboxRelay stack: the stream Lambda", () => {
  it("reads the table's stream with batch item failures, bisect on error, bounded retries and a DLQ", () => {
    const t = templateJson(dev, "OutboxRelay");
    const [relayId] = functionByHandler(t, "packages/functions/src/stream.handler");
    const [queueId, queue] = onlyResource(t, "AWS::SQS::Queue");
    const [, mapping] = onlyResource(t, "AWS::Lambda::EventSourceMapping", (r) => r.Properties?.FunctionName?.Ref === relayId);
    expect(mapping.Properties).toMatchObject({
      FunctionName: { Ref: relayId },
      EventSourceArn: { "Fn::ImportValue": expect.stringMatching(/^dev-rollgate-Storage:.*StreamArn/) },
      StartingPosition: "TRIM_HORIZON",
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: relayRetryAttempts,
      ParallelizationFactor: 1,
      DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [queueId, "Arn"] } } },
    });
    expect(relayRetryAttempts).toBeGreaterThan(0);
    expect(relayRetryAttempts).toBeLessThanOrEqual(10);
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
  });

  it("is invoked only for inserts of event items (the filter matches what the relay publishes)", () => {
    const t = templateJson(dev, "OutboxRelay");
    const [relayId] = functionByHandler(t, "packages/functions/src/stream.handler");
    const [, mapping] = onlyResource(t, "AWS::Lambda::EventSourceMapping", (r) => r.Properties?.FunctionName?.Ref === relayId);
    const patterns = mapping.Properties?.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern));
    expect(patterns).toEqual([{ eventName: ["INSERT"], dynamodb: { NewImage: { entity: { S: ["event"] } } } }]);
  });

  it("webhook deliveries run in their own function: on inserts of delivery items, and every minute for retries", () => {
    const t = templateJson(dev, "OutboxRelay");
    const [deliveriesId] = functionByHandler(t, "packages/functions/src/deliveries.handler");
    const [, mapping] = onlyResource(t, "AWS::Lambda::EventSourceMapping", (r) => r.Properties?.FunctionName?.Ref === deliveriesId);
    const patterns = mapping.Properties?.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern));
    expect(patterns).toEqual([{ eventName: ["INSERT"], dynamodb: { NewImage: { entity: { S: ["webhookDelivery"] } } } }]);
    const [, rule] = onlyResource(t, "AWS::Events::Rule");
    expect(rule.Properties).toMatchObject({ ScheduleExpression: "rate(1 minute)" });
    expect(JSON.stringify(rule.Properties!.Targets)).toContain(deliveriesId);
  });
});

describe("Alarms stack", () => {
  const alarmsBy = (app: Synthesized): Record<string, Record<string, any>> =>
    Object.fromEntries(resourcesOfType(templateJson(app, "Alarms"), "AWS::CloudWatch::Alarm").map(([, a]) => [a.Properties!.MetricName, a.Properties!]));

  it("alarms on failed executions, rollback_failed deployments, DLQ depth and API 5xx, each notifying the topic", () => {
    const alarms = alarmsBy(dev);
    expect(Object.keys(alarms).sort()).toEqual(["5xx", "ApproximateNumberOfMessagesVisible", "ExecutionsFailed", "RollbackFailed"]);
    const [topicId] = onlyResource(templateJson(dev, "Alarms"), "AWS::SNS::Topic");
    for (const alarm of Object.values(alarms)) {
      expect(alarm).toMatchObject({ Threshold: 1, ComparisonOperator: "GreaterThanOrEqualToThreshold", TreatMissingData: "notBreaching" });
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
    }
    expect(alarms.ExecutionsFailed).toMatchObject({ Namespace: "AWS/States", Statistic: "Sum" });
    expect(alarms.ExecutionsFailed!.Dimensions[0].Value["Fn::ImportValue"]).toContain("dev-rollgate-Orchestration");
    expect(alarms.ApproximateNumberOfMessagesVisible).toMatchObject({ Namespace: "AWS/SQS" });
    expect(alarms.ApproximateNumberOfMessagesVisible!.Dimensions[0].Value["Fn::ImportValue"]).toContain("dev-rollgate-OutboxRelay");
    expect(alarms["5xx"]).toMatchObject({ Namespace: "AWS/ApiGateway", Statistic: "Sum" });
  });

  it("watches exactly the metric the relay emits for rollback_failed, per stage", () => {
    for (const app of [dev, prod]) {
      const alarm = alarmsBy(app).RollbackFailed!;
      expect(alarm.Namespace).toBe(alertMetrics.namespace);
      expect(alarm.MetricName).toBe(alertMetrics.names["deployment.rollback_failed"]);
      expect(Object.fromEntries(alarm.Dimensions.map((d: { Name: string; Value: string }) => [d.Name, d.Value]))).toEqual(
        alertMetrics.dimensions(app.stage),
      );
    }
  });
});
