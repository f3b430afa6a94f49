import { randomUUID } from "node:crypto";
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { inject } from "vitest";
import { createDynamoClient, ensureTable, type TableContext } from "@rollgate/core/store";

/** A fresh table on the shared DynamoDB Local, one per test file (or per test when asked). */
export async function createTestTable(): Promise<TableContext & { drop(): Promise<void> }> {
  const client = createDynamoClient({ endpoint: inject("dynamoEndpoint") });
  const tableName = `t-${randomUUID().slice(0, 12)}`;
  await ensureTable({ client, tableName });
  return {
    client,
    tableName,
    async drop() {
      await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      client.destroy();
    },
  };
}
