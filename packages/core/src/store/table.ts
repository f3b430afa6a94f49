/**
 * The one table definition. The SST stack and the local bootstrap both build the table
 * from this object, so the two cannot drift.
 */
export const tableDefinition = {
  partitionKey: "pk",
  sortKey: "sk",
  gsi1: { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
  ttlAttribute: "expiresAt",
  stream: "NEW_AND_OLD_IMAGES",
  billing: "PAY_PER_REQUEST",
} as const;

export type TableDefinition = typeof tableDefinition;

/** CreateTable input for DynamoDB (Local or real) built from the definition. */
export function createTableInput(tableName: string) {
  const d = tableDefinition;
  return {
    TableName: tableName,
    BillingMode: d.billing,
    AttributeDefinitions: [
      { AttributeName: d.partitionKey, AttributeType: "S" as const },
      { AttributeName: d.sortKey, AttributeType: "S" as const },
      { AttributeName: d.gsi1.partitionKey, AttributeType: "S" as const },
      { AttributeName: d.gsi1.sortKey, AttributeType: "S" as const },
    ],
    KeySchema: [
      { AttributeName: d.partitionKey, KeyType: "HASH" as const },
      { AttributeName: d.sortKey, KeyType: "RANGE" as const },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: d.gsi1.name,
        KeySchema: [
          { AttributeName: d.gsi1.partitionKey, KeyType: "HASH" as const },
          { AttributeName: d.gsi1.sortKey, KeyType: "RANGE" as const },
        ],
        Projection: { ProjectionType: "ALL" as const },
      },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: d.stream },
  };
}
