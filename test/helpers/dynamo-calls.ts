import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

/** One DynamoDB request as the client sent it: the command and the partition keys it names. */
export interface DynamoCall {
  command: string;
  partitions: string[];
}

/**
 * Records every request `client` sends (a middleware at the initialize step: one entry per
 * `send`, which is one round trip unless the SDK retries). Auth's token and principal reads
 * are told apart by their partitions, so a test can count one use case's own round trips.
 */
export function recordDynamoCalls(client: DynamoDBClient) {
  const calls: DynamoCall[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push({ command: String(context.commandName ?? "unknown").replace(/Command$/, ""), partitions: partitionsOf(args.input) });
      return next(args);
    },
    { step: "initialize", name: "recordDynamoCalls" },
  );
  return {
    calls,
    /** Calls since `mark`, without authentication's own reads. */
    since(mark: number): DynamoCall[] {
      return calls.slice(mark).filter((call) => !call.partitions.every((pk) => /^(TOKEN|PRINCIPAL)#/.test(pk)) || call.partitions.length === 0);
    },
    mark: () => calls.length,
  };
}

/** The `pk` values a request names (keys, batch keys, transaction items, query values). */
function partitionsOf(input: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown) => {
    if (!value || typeof value !== "object") return;
    if (Array.isArray(value)) return value.forEach(visit);
    for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
      if ((name === "pk" || name === ":pk") && inner && typeof inner === "object" && "S" in inner) found.add(String((inner as { S: string }).S));
      else visit(inner);
    }
  };
  visit(input);
  return [...found];
}
