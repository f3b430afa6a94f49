import { GetItemCommand, type AttributeValue, type DynamoDBClient, type TransactWriteItemsCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * DynamoDB Local acknowledges a TransactWriteItems before the transaction is on disk: after
 * a `kill -9` the last acknowledged one can be gone (scripts/dynamodb-local-durability.ts
 * shows it). A consistent read of an item the transaction wrote, before the call returns,
 * waits until it is committed; with it the same script lost nothing. Local runtime only:
 * DynamoDB itself acknowledges durable writes, and the read would be a cost for nothing.
 */
export function waitForDurableTransactions(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === "TransactWriteItemsCommand") {
        const written = writtenKey(args.input as TransactWriteItemsCommandInput);
        if (written) await client.send(new GetItemCommand({ ...written, ConsistentRead: true, ProjectionExpression: "pk" }));
      }
      return result;
    },
    { step: "initialize", name: "rollgateWaitForDurableTransactions" },
  );
}

function writtenKey(input: TransactWriteItemsCommandInput): { TableName: string; Key: Record<string, AttributeValue> } | undefined {
  for (const item of input.TransactItems ?? []) {
    if (item.Put?.Item?.pk && item.Put.TableName) {
      const { pk, sk } = item.Put.Item;
      return { TableName: item.Put.TableName, Key: sk ? { pk, sk } : { pk } };
    }
    const keyed = item.Update ?? item.Delete;
    if (keyed?.Key && keyed.TableName) return { TableName: keyed.TableName, Key: keyed.Key };
  }
  return undefined;
}
