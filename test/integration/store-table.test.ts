import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DescribeTableCommand, DescribeTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { ensureTable, tableDefinition } from "@rollgate/core/store";
import { createTestTable } from "../helpers/table.js";

describe("table bootstrap on DynamoDB Local", () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  beforeAll(async () => (table = await createTestTable()));
  afterAll(async () => table.drop());

  it("creates the table from the one definition, with the GSI, stream and TTL", async () => {
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
    expect(Table?.KeySchema?.map((k) => k.AttributeName)).toEqual(["pk", "sk"]);
    expect(Table?.GlobalSecondaryIndexes?.[0]?.IndexName).toBe(tableDefinition.gsi1.name);
    expect(Table?.StreamSpecification).toMatchObject({ StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" });
    const ttl = await table.client.send(new DescribeTimeToLiveCommand({ TableName: table.tableName }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe("expiresAt");
  });

  it("is idempotent: a second ensureTable finds the table", async () => {
    await expect(ensureTable(table)).resolves.toBe("existing");
  });
});
