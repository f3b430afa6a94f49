import { randomBytes } from "node:crypto";
import { GetItemCommand, QueryCommand, TransactWriteItemsCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import {
  cancellationReasons,
  gsi1Partition,
  isConditionalCheckFailed,
  keys,
  marshallItem,
  queryPage,
  unmarshallItem,
  withBackoff,
  type CursorCodec,
  type TableContext,
} from "../store/index.js";
import { changedSettings, targetRemovedEvent, targetWrittenEvent } from "./events.js";
import { InvalidTargetError, TargetInUseError, TargetNotFoundError, TargetReferenceError } from "./errors.js";
import {
  targetInputSchema,
  targetNamePattern,
  type StoredTarget,
  type TargetInput,
  type TargetReference,
  type TargetView,
} from "./schema.js";

/**
 * The registered targets, one item each at keys.registeredTarget(name), listed through
 * GSI1 (TARGETS / name). The webhook secret lives on the item and leaves this module only
 * towards the webhook adapter: views never carry it. Each change writes its event
 * (`target.registered`, `target.changed`, `target.removed`; target/events.ts) in the same
 * transaction.
 */
export interface TargetRegistry {
  /**
   * Creates (`created: true`, with the secret shown once) or replaces a target. A
   * replacement that changes no setting still writes a new revision, without an event.
   */
  put(name: string, input: unknown, actor: string): Promise<{ target: TargetView; created: boolean; secret?: string }>;
  get(name: string): Promise<TargetView>;
  list(page: { limit: number; cursor?: string }): Promise<{ items: TargetView[]; nextCursor: string | null }>;
  delete(name: string, actor: string): Promise<void>;
  /** See resolveRegisteredTarget. */
  resolve(name: string, use: { specId: string; environment: string; field: string }): Promise<StoredTarget>;
}

/** `whsec_` + base64 of 32 random bytes (Standard Webhooks). */
export const generateWebhookSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

export function validTargetName(name: string): string {
  if (!targetNamePattern.test(name)) {
    throw new InvalidTargetError([{ path: "name", message: "expected a lower-case name: a-z first, then a-z, 0-9 or -, at most 63 characters" }]);
  }
  return name;
}

/** Does a glob of spec ids (`payments-*`) cover `specId`? `*` is any run of characters, nothing else is special. */
export function specPatternMatches(pattern: string, specId: string): boolean {
  const regex = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, "\\$&")).join(".*")}$`);
  return regex.test(specId);
}

/** Throws TargetReferenceError unless `target` may serve (specId, environment). */
export function checkTargetUse(target: StoredTarget, use: { specId: string; environment: string; field: string }): void {
  if (!target.specs.some((pattern) => specPatternMatches(pattern, use.specId))) {
    throw new TargetReferenceError(
      "TARGET_NOT_ALLOWED",
      use.field,
      `Target ${target.name} may not be used by spec ${use.specId}: it allows ${target.specs.join(", ")}. An admin can add a pattern (PUT /v1/targets/${target.name}).`,
    );
  }
  if (target.environments && !target.environments.includes(use.environment)) {
    throw new TargetReferenceError(
      "TARGET_NOT_ALLOWED",
      use.field,
      `Target ${target.name} may not be used in ${use.environment}: it allows ${target.environments.join(", ")}.`,
    );
  }
}

export const targetReference = (target: StoredTarget): TargetReference => ({ name: target.name, type: target.type });

/** The stored target without its secret, keys in a reading order. */
export function toTargetView(target: StoredTarget): TargetView {
  const where =
    target.type === "webhook"
      ? { type: target.type, url: target.url, allowPrivateNetwork: target.allowPrivateNetwork }
      : { type: target.type, functionName: target.functionName, alias: target.alias, ...(target.region ? { region: target.region } : {}) };
  return {
    name: target.name,
    ...where,
    specs: target.specs,
    ...(target.environments ? { environments: target.environments } : {}),
    ...(target.description ? { description: target.description } : {}),
    revision: target.revision,
    createdAt: target.createdAt,
    createdBy: target.createdBy,
    updatedAt: target.updatedAt,
    updatedBy: target.updatedBy,
  } as TargetView;
}

export function createTargetRegistry(deps: { table: TableContext; cursors: CursorCodec; clock?: () => Date }): TargetRegistry {
  const { client, tableName } = deps.table;
  const clock = deps.clock ?? (() => new Date());

  const load = (name: string) => loadRegisteredTarget(deps.table, name);

  /** Writes `target` over `previous` (conditioned on its revision) with its event, if anything changed. */
  async function write(target: StoredTarget, previous: StoredTarget | undefined, actor: string) {
    const unchanged = previous !== undefined && changedSettings(previous, target).length === 0;
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: marshallItem({
                ...keys.registeredTarget(target.name),
                gsi1pk: keys.registeredTargetListPartition(),
                gsi1sk: target.name,
                entity: "registeredTarget",
                ...target,
              }),
              ConditionExpression: previous ? "revision = :rev" : "attribute_not_exists(pk)",
              ...(previous ? { ExpressionAttributeValues: marshallItem({ ":rev": previous.revision }) } : {}),
            },
          },
          ...(unchanged ? [] : [targetWrittenEvent(tableName, target, previous, actor)]),
        ],
      }),
    );
  }

  return {
    async put(name, body, actor) {
      validTargetName(name);
      const parsed = targetInputSchema.safeParse(body);
      if (!parsed.success) {
        throw new InvalidTargetError(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(body)", message: issue.message })));
      }
      const input: TargetInput = parsed.data;
      // A concurrent PUT of the same name: read again and apply on top (last writer wins, nothing lost half-way).
      return withBackoff(
        async () => {
          const previous = await load(name);
          const at = clock().toISOString();
          const common = {
            name,
            specs: input.specs,
            ...(input.environments ? { environments: input.environments } : {}),
            ...(input.description ? { description: input.description } : {}),
            revision: (previous?.revision ?? 0) + 1,
            createdAt: previous?.createdAt ?? at,
            createdBy: previous?.createdBy ?? actor,
            updatedAt: at,
            updatedBy: actor,
          };
          let target: StoredTarget;
          let shown: string | undefined;
          if (input.type === "webhook") {
            const kept = previous?.type === "webhook" ? previous.secret : undefined;
            const secret = input.secret ?? kept ?? generateWebhookSecret();
            // Shown once: when created, or when a new one had to be generated.
            if (!previous || (!input.secret && !kept)) shown = secret;
            target = { ...common, type: "webhook", url: input.url, allowPrivateNetwork: input.allowPrivateNetwork ?? false, secret };
          } else {
            target = {
              ...common,
              type: "lambda-alias",
              functionName: input.functionName,
              alias: input.alias,
              ...(input.region ? { region: input.region } : {}),
            };
          }
          await write(target, previous, actor);
          return { target: toTargetView(target), created: !previous, ...(shown ? { secret: shown } : {}) };
        },
        { retries: 5, baseMs: 20, maxMs: 200, shouldRetry: lostRace },
      );
    },

    async get(name) {
      validTargetName(name);
      const target = await load(name);
      if (!target) throw new TargetNotFoundError(name);
      return toTargetView(target);
    },

    list: (page) =>
      queryPage(deps.table, deps.cursors, "targets", page, gsi1Partition(keys.registeredTargetListPartition()), (item) =>
        toTargetView(fromItem(item)),
      ),

    async delete(name, actor) {
      validTargetName(name);
      const users = await deploymentsInFlightUsing(deps.table, name);
      if (users.length > 0) throw new TargetInUseError(name, users);
      // Conditioned on the revision read, so the removal event describes what was removed.
      await withBackoff(
        async () => {
          const target = await load(name);
          if (!target) throw new TargetNotFoundError(name);
          await client.send(
            new TransactWriteItemsCommand({
              TransactItems: [
                {
                  Delete: {
                    TableName: tableName,
                    Key: marshallItem(keys.registeredTarget(name)),
                    ConditionExpression: "revision = :rev",
                    ExpressionAttributeValues: marshallItem({ ":rev": target.revision }),
                  },
                },
                targetRemovedEvent(tableName, target, actor, clock().toISOString()),
              ],
            }),
          );
        },
        { retries: 5, baseMs: 20, maxMs: 200, shouldRetry: lostRace },
      );
    },

    resolve: (name, use) => resolveRegisteredTarget(deps.table, name, use),
  };
}

async function loadRegisteredTarget(table: TableContext, name: string): Promise<StoredTarget | undefined> {
  const { Item } = await table.client.send(
    new GetItemCommand({ TableName: table.tableName, Key: marshallItem(keys.registeredTarget(name)), ConsistentRead: true }),
  );
  return Item ? fromItem(unmarshallItem(Item)) : undefined;
}

/**
 * The target a spec names, for a rollout of `specId` to `environment`: throws
 * TargetReferenceError naming `field` when it does not exist or may not be used there.
 * Deploy time and every forward saga call ask, so a target narrowed or deleted mid-rollout
 * stops it; `checkUse: false` (the calls that undo) asks only that it exists.
 */
export async function resolveRegisteredTarget(
  table: TableContext,
  name: string,
  use: { specId: string; environment: string; field: string; checkUse?: boolean },
): Promise<StoredTarget> {
  const target = targetNamePattern.test(name) ? await loadRegisteredTarget(table, name) : undefined;
  if (!target) {
    throw new TargetReferenceError(
      "TARGET_NOT_FOUND",
      use.field,
      `No registered target is named ${name}. An admin registers one with PUT /v1/targets/${name}.`,
    );
  }
  if (use.checkUse !== false) checkTargetUse(target, use);
  return target;
}

/**
 * In-flight deployments (the ACTIVE index: one small partition, a Query) whose plan names
 * `name`. A rollout that starts between this check and the delete is not seen: it then fails
 * at its next call with TARGET_NOT_FOUND.
 */
async function deploymentsInFlightUsing(table: TableContext, name: string): Promise<string[]> {
  const ids: string[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: marshallItem({ ":pk": keys.activePartition() }),
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) ids.push(String(unmarshallItem(item).deploymentId));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const users: string[] = [];
  for (const id of ids) {
    const { Item } = await table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: marshallItem(keys.deployment(id)), ProjectionExpression: "#plan", ExpressionAttributeNames: { "#plan": "plan" } }),
    );
    const stored = Item ? unmarshallItem(Item).plan : undefined;
    const plan = (typeof stored === "string" ? JSON.parse(stored) : stored) as { settings?: { target?: { value?: { name?: string } | null } } } | undefined;
    if (plan?.settings?.target?.value?.name === name) users.push(id);
  }
  return users;
}

/** A write that lost to a concurrent one (its condition failed): read again and retry. */
const lostRace = (error: unknown) => isConditionalCheckFailed(error) || (cancellationReasons(error)?.includes("ConditionalCheckFailed") ?? false);

/** The stored item, without table attributes. */
function fromItem(item: Record<string, unknown>): StoredTarget {
  const { pk: _pk, sk: _sk, gsi1pk: _gpk, gsi1sk: _gsk, entity: _entity, ...target } = item;
  return target as unknown as StoredTarget;
}
