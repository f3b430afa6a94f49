import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTableCommand, GetItemCommand, TransactWriteItemsCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { createDynamoClient } from "@rollgate/core/store";
import { startDynamoLocal, type DynamoLocal } from "../../packages/functions/src/local/dynamodb-local.js";
import { waitForDurableTransactions } from "../../packages/functions/src/local/durable-writes.js";

/**
 * A spec version acknowledged with 201 must survive a `kill -9` of the local runtime.
 * DynamoDB Local acknowledges TransactWriteItems (what a registration is) before they are
 * on disk, and without the local runtime's wait the last one was lost in about half of the
 * rounds (scripts/dynamodb-local-durability.ts). Here: transactions through a client with
 * that wait, DynamoDB Local killed hard while they flow, restarted, and every acknowledged
 * item is there. Several rounds, because the loss without the wait is a race.
 */
const dirs: string[] = [];
let running: DynamoLocal | undefined;
afterAll(async () => {
  await running?.stop();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe("local runtime: acknowledged transactions survive kill -9 of DynamoDB Local", () => {
  it("no acknowledged TransactWriteItems is missing after a hard kill and restart", async () => {
    const missing: string[] = [];
    for (let round = 0; round < 4; round++) {
      const dbPath = mkdtempSync(join(tmpdir(), "rollgate-durability-"));
      dirs.push(dbPath);
      running = await startDynamoLocal({ dbPath });
      const port = running.port;
      const client = createDynamoClient({ endpoint: running.endpoint });
      waitForDurableTransactions(client);
      await client.send(
        new CreateTableCommand({
          TableName: "durability",
          AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "S" }],
          KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
          BillingMode: "PAY_PER_REQUEST",
        }),
      );
      const acked: string[] = [];
      let next = 0;
      let writing = true;
      const writer = async () => {
        while (writing) {
          const pk = `SPEC#s${next++}`;
          try {
            await client.send(
              new TransactWriteItemsCommand({
                TransactItems: [
                  { Put: { TableName: "durability", Item: { pk: { S: pk }, sk: { S: "V#1" } }, ConditionExpression: "attribute_not_exists(pk)" } },
                  { Put: { TableName: "durability", Item: { pk: { S: pk }, sk: { S: "HASH#x" } }, ConditionExpression: "attribute_not_exists(pk)" } },
                ],
              }),
            );
            acked.push(pk);
          } catch {
            return;
          }
        }
      };
      const writers = Promise.all([writer(), writer(), writer(), writer()]);
      const killAt = 30 + Math.floor(Math.random() * 70);
      while (acked.length < killAt) await new Promise((r) => setTimeout(r, 5));
      process.kill(running.pid!, "SIGKILL");
      await running.exited;
      writing = false;
      await writers;
      client.destroy();

      running = await startDynamoLocal({ dbPath, port });
      const reader = createDynamoClient({ endpoint: running.endpoint });
      for (const pk of acked) {
        const { Item } = await reader.send(
          new GetItemCommand({ TableName: "durability", Key: { pk: { S: pk }, sk: { S: "V#1" } }, ConsistentRead: true }),
        );
        if (!Item) missing.push(`round ${round + 1}: ${pk} of ${acked.length} acknowledged`);
      }
      reader.destroy();
      await running.stop();
      running = undefined;
    }
    expect(missing).toEqual([]);
  }, 600_000);
});
