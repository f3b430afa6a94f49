/**
 * The floor of the HTTP hop: a bare node:http server that runs the same Query the API runs
 * and returns the item, with no framework, auth or validation. The gap between it and the
 * raw Query is what any HTTP API costs on this machine; the gap above it is Rollgate's.
 */
import { createServer } from "node:http";
import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { createDynamoClient, keys, marshallItem, unmarshallItem } from "@rollgate/core/store";

const client = createDynamoClient({ endpoint: process.env.BENCH_DYNAMO! });
const tableName = process.env.BENCH_TABLE!;
const server = createServer(async (req, res) => {
  const specId = /^\/v1\/specs\/([^/]+)\/versions\/latest$/.exec(req.url ?? "")?.[1] ?? "";
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: marshallItem({ ":pk": keys.spec(specId).pk, ":prefix": keys.specVersionPrefix() }),
      ScanIndexForward: false,
      Limit: 1,
      ProjectionExpression: "specId, version, contentHash, #state, #format, createdAt, createdBy, updatedAt, updatedBy, warnings, canonicalGz",
      ExpressionAttributeNames: { "#state": "state", "#format": "format" },
    }),
  );
  const { canonicalGz: _blob, ...summary } = unmarshallItem(Items[0]!);
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(summary));
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`READY ${typeof address === "object" && address ? address.port : 0}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
