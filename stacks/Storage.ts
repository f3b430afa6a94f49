/**
 * The single table, built from core's table definition (keys, GSI, stream, TTL) so the
 * deployed table and DynamoDB Local cannot drift.
 */
import type { StackContext } from "sst/constructs";
import { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, BillingMode, StreamViewType, Table } from "aws-cdk-lib/aws-dynamodb";
import { tableDefinition } from "@rollgate/core/store";
import { isEphemeralStage } from "./defaults.js";

export function Storage({ stack, app }: StackContext) {
  const d = tableDefinition;
  const ephemeral = isEphemeralStage(app);
  const table = new Table(stack, "Table", {
    partitionKey: { name: d.partitionKey, type: AttributeType.STRING },
    sortKey: { name: d.sortKey, type: AttributeType.STRING },
    billingMode: d.billing === "PAY_PER_REQUEST" ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED,
    stream: StreamViewType[d.stream],
    timeToLiveAttribute: d.ttlAttribute,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: !ephemeral,
    removalPolicy: ephemeral ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
  });
  table.addGlobalSecondaryIndex({
    indexName: d.gsi1.name,
    partitionKey: { name: d.gsi1.partitionKey, type: AttributeType.STRING },
    sortKey: { name: d.gsi1.sortKey, type: AttributeType.STRING },
  });
  stack.addOutputs({ TableName: table.tableName });
  return { table };
}
