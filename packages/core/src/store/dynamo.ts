import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  TransactionCanceledException,
  UpdateTimeToLiveCommand,
  type DynamoDBClientConfig,
} from "@aws-sdk/client-dynamodb";
import { createTableInput, tableDefinition } from "./table.js";

/** The DynamoDB handle every repository takes: one client per process, one table. */
export interface TableContext {
  client: DynamoDBClient;
  tableName: string;
}

/** Builds a client; for DynamoDB Local pass its endpoint (credentials are then dummies). */
export function createDynamoClient(options: { endpoint?: string; region?: string } = {}) {
  const config: DynamoDBClientConfig = {
    region: options.region ?? process.env.AWS_REGION ?? "us-east-1",
    // A database that stopped answering must fail the call (503 upstream), not hang it.
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 30_000 },
  };
  if (options.endpoint) {
    config.endpoint = options.endpoint;
    config.credentials = { accessKeyId: "local", secretAccessKey: "local" };
  }
  return new DynamoDBClient(config);
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === "ConditionalCheckFailedException";
}

/**
 * For a cancelled transaction, the reason code per item in request order
 * ("None", "ConditionalCheckFailed", "TransactionConflict", ...); undefined otherwise.
 */
export function cancellationReasons(error: unknown): string[] | undefined {
  if (!(error instanceof TransactionCanceledException)) {
    if ((error as { name?: string } | undefined)?.name !== "TransactionCanceledException") return undefined;
  }
  const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
  return reasons.map((r) => r.Code ?? "None");
}

/** Creates the table if it is missing and waits until it is ACTIVE. Used by local bootstrap and tests. */
export async function ensureTable({ client, tableName }: TableContext): Promise<"created" | "existing"> {
  let outcome: "created" | "existing" = "existing";
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
      outcome = "created";
    } catch (createError) {
      if (!(createError instanceof ResourceInUseException)) throw createError;
    }
  }
  for (let i = 0; i < 100; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === "ACTIVE") break;
    await new Promise((r) => setTimeout(r, 50));
  }
  if (outcome === "created") {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
      }),
    );
  }
  return outcome;
}
