import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { readDeploymentEventsAfter } from "../events/outbox.js";
import type { DomainEvent } from "../events/types.js";
import type { TableContext } from "../store/dynamo.js";
import { keys } from "../store/keys.js";
import { marshallItem } from "../store/marshall.js";
import { DeploymentNotFoundError } from "./errors.js";

export interface DeploymentEventPage {
  items: (DomainEvent & { seq: number })[];
  /** Pass as `after` to get what follows; equal to `after` when nothing new was there. */
  nextSeq: number;
  /** More events are there now (the page was full). */
  hasMore: boolean;
}

/** `GET /v1/deployments/{id}/events?after=SEQ`: what a follower (the CLI) polls. */
export function createDeploymentEventFeed(deps: { table: TableContext }) {
  const { table } = deps;
  return {
    /** @throws DeploymentNotFoundError */
    async after(deploymentId: string, after: number, limit: number): Promise<DeploymentEventPage> {
      const { events, hasMore } = await readDeploymentEventsAfter(table, deploymentId, after, limit);
      if (events.length === 0) {
        // Only an empty page costs the existence check: an unknown id is a 404, not "nothing yet".
        const { Item } = await table.client.send(
          new GetItemCommand({ TableName: table.tableName, Key: marshallItem(keys.deployment(deploymentId)), ProjectionExpression: "pk" }),
        );
        if (!Item) throw new DeploymentNotFoundError(deploymentId);
      }
      return { items: events, nextSeq: events.at(-1)?.seq ?? after, hasMore };
    },
  };
}
export type DeploymentEventFeed = ReturnType<typeof createDeploymentEventFeed>;
