import {
  GetItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
} from "@aws-sdk/client-dynamodb";
import {
  cancellationReasons,
  ContentionError,
  gsi1Partition,
  queryPage,
  isConditionalCheckFailed,
  keys,
  marshallItem,
  unmarshallItem,
  type CursorCodec,
  type ItemRead,
  type TableContext,
} from "../store/index.js";
import { parseSpecText } from "../spec/index.js";
import { platformEventPut, streamEventPut } from "../events/outbox.js";
import { pack, unpack } from "./compression.js";
import { SpecNotFoundError, SpecTooLargeToStoreError, SpecVersionChangedError, SpecVersionNotFoundError } from "./errors.js";
import { versionEtag } from "./etag.js";
import type { IssueRef, LifecycleState, SpecSummary, SpecVersion, SpecVersionSummary } from "./schema.js";

/** What a registration writes; the version number is chosen by the repository. */
export interface NewSpecVersion {
  specId: string;
  name: string;
  contentHash: string;
  format: "yaml" | "json";
  raw: string;
  canonical: string;
  createdBy: string;
  createdAt: string;
  warnings: IssueRef[];
}

export interface SpecRepository {
  /** Appends the next version, or returns the existing one with the same content hash. */
  append(entry: NewSpecVersion): Promise<{ created: boolean; version: SpecVersionSummary }>;
  /** `texts`: which stored texts to read (default both); reading less costs less. */
  get(specId: string, version: number | "latest", texts?: VersionTexts): Promise<SpecVersion>;
  getSummary(specId: string, version: number | "latest"): Promise<SpecVersionSummary>;
  listVersions(specId: string, page: Page): Promise<{ items: SpecVersionSummary[]; nextCursor: string | null }>;
  listSpecs(page: Page): Promise<{ items: SpecSummary[]; nextCursor: string | null }>;
  getSpec(specId: string): Promise<SpecSummary>;
  /** `ifMatch`: checked against the current JSON-form ETag on every read the write is conditioned on. */
  setState(specId: string, version: number, state: LifecycleState, by: string, at: string, ifMatch?: (currentETag: string) => boolean): Promise<SpecVersionSummary>;
}

/** canonical: for JSON responses and diffs; raw: for YAML responses; all: for rollouts. */
export type VersionTexts = "all" | "canonical" | "raw";

export interface Page {
  limit: number;
  cursor?: string;
}

const MAX_ITEM_BYTES = 390 * 1024;
const SUMMARY_ATTRIBUTES = "specId, version, contentHash, #state, #format, createdAt, createdBy, updatedAt, updatedBy, warnings";
const SUMMARY_NAMES = { "#state": "state", "#format": "format" };

const toSummary = (item: Record<string, unknown>): SpecVersionSummary => ({
  specId: item.specId as string,
  version: item.version as number,
  contentHash: item.contentHash as string,
  state: item.state as LifecycleState,
  format: item.format as "yaml" | "json",
  createdAt: item.createdAt as string,
  createdBy: item.createdBy as string,
  ...(item.updatedAt ? { updatedAt: item.updatedAt as string, updatedBy: item.updatedBy as string } : {}),
  warnings: (item.warnings as IssueRef[] | undefined) ?? [],
});

// Text is unpacked only when asked for: a JSON read needs the canonical form, a YAML read the raw text.
const toVersion = (item: Record<string, unknown>): SpecVersion => {
  let raw: string | undefined;
  let canonical: string | undefined;
  let document: Record<string, unknown> | undefined;
  return {
    ...toSummary(item),
    get raw() {
      return (raw ??= unpack(item.rawGz as Uint8Array));
    },
    get canonical() {
      return (canonical ??= unpack(item.canonicalGz as Uint8Array));
    },
    // From the raw text, not the canonical form: key order carries meaning (the
    // `environments` map's order is the promotion path) and canonical JSON sorts keys.
    get document() {
      document ??= item.rawGz
        ? parseSpecText(this.raw, this.format).document
        : (JSON.parse(this.canonical) as Record<string, unknown>);
      return document;
    },
  };
};

/**
 * A numbered version as an item to read with others (readItems): what a deployment reads
 * in the same round trip as the policy and the environment pointer.
 * @throws SpecVersionNotFoundError from `decode` when it does not exist
 */
export function versionItemRead(specId: string, version: number): ItemRead<SpecVersion> {
  return {
    key: keys.specVersion(specId, version),
    decode(item) {
      if (!item) throw new SpecVersionNotFoundError(specId, version);
      return toVersion(item);
    },
  };
}

export function createSpecRepository(deps: { table: TableContext; cursors: CursorCodec; maxAttempts?: number }): SpecRepository {
  const { client, tableName } = deps.table;
  const maxAttempts = deps.maxAttempts ?? 200;
  // Last version this process saw per spec: lets the common case (one writer) register in
  // one transaction without reading first; a stale hint only costs a retry.
  const latestHint = new Map<string, number>();

  async function readLatestVersion(specId: string): Promise<number> {
    const { Item } = await client.send(
      new GetItemCommand({
        TableName: tableName,
        Key: marshallItem(keys.spec(specId)),
        ConsistentRead: true,
        ProjectionExpression: "latestVersion",
      }),
    );
    return Item ? (unmarshallItem(Item).latestVersion as number) : 0;
  }

  async function existingByHash(specId: string, hash: string): Promise<SpecVersionSummary | undefined> {
    const { Item } = await client.send(
      new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.contentHash(specId, hash)), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return repository.getSummary(specId, unmarshallItem(Item).version as number);
  }

  // Writers of one spec in this process take turns: concurrent appends would otherwise race
  // for the same version number and all but one retry (quadratic work under a burst).
  // Other processes still race, and the conditional transaction keeps that correct.
  const appendQueues = new Map<string, Promise<unknown>>();
  function serialized<T>(specId: string, work: () => Promise<T>): Promise<T> {
    const previous = appendQueues.get(specId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    appendQueues.set(specId, tail);
    void tail.then(() => {
      if (appendQueues.get(specId) === tail) appendQueues.delete(specId);
    });
    return run;
  }

  async function appendNow(entry: NewSpecVersion): Promise<{ created: boolean; version: SpecVersionSummary }> {
    const rawGz = pack(entry.raw);
    const canonicalGz = pack(entry.canonical);
    if (rawGz.byteLength + canonicalGz.byteLength > MAX_ITEM_BYTES) {
      throw new SpecTooLargeToStoreError("The document does not compress enough to be stored (limit ~390 KB gzipped).");
    }
    let expected = latestHint.get(entry.specId) ?? (await readLatestVersion(entry.specId));
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const version = expected + 1;
      const summary: SpecVersionSummary = {
        specId: entry.specId,
        version,
        contentHash: entry.contentHash,
        state: "active",
        format: entry.format,
        createdAt: entry.createdAt,
        createdBy: entry.createdBy,
        warnings: entry.warnings,
      };
      try {
        await client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: marshallItem(keys.spec(entry.specId)),
                  UpdateExpression:
                    "SET latestVersion = :v, #name = :name, updatedAt = :at, createdAt = if_not_exists(createdAt, :at), specId = :id, gsi1pk = :gpk, gsi1sk = :id, entity = :entity",
                  ConditionExpression: expected === 0 ? "attribute_not_exists(pk)" : "latestVersion = :expected",
                  ExpressionAttributeNames: { "#name": "name" },
                  ExpressionAttributeValues: marshallItem({
                    ":v": version,
                    ":name": entry.name,
                    ":at": entry.createdAt,
                    ":id": entry.specId,
                    ":gpk": keys.specListPartition(),
                    ":entity": "spec",
                    ...(expected === 0 ? {} : { ":expected": expected }),
                  }),
                  ReturnValuesOnConditionCheckFailure: "ALL_OLD",
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: marshallItem({ ...keys.specVersion(entry.specId, version), entity: "specVersion", ...summary, rawGz, canonicalGz }),
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: marshallItem({ ...keys.contentHash(entry.specId, entry.contentHash), entity: "contentHash", version }),
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
              // The outbox: the spec's stream, at the version's own sequence number.
              platformEventPut(
                tableName,
                keys.specEventStream(entry.specId),
                version,
                {
                  type: "spec.version_registered",
                  actor: entry.createdBy,
                  data: { specId: entry.specId, version, contentHash: entry.contentHash, state: "active", warnings: entry.warnings.length },
                },
                entry.createdAt,
              ),
            ],
          }),
        );
        latestHint.set(entry.specId, version);
        return { created: true, version: summary };
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        if (reasons[2] === "ConditionalCheckFailed") {
          const existing = await existingByHash(entry.specId, entry.contentHash);
          if (existing) return { created: false, version: existing };
        }
        if (reasons[0] === "ConditionalCheckFailed") {
          const old = (error as { CancellationReasons?: { Item?: Record<string, AttributeValue> }[] }).CancellationReasons?.[0]?.Item;
          expected = old ? (unmarshallItem(old).latestVersion as number) : await readLatestVersion(entry.specId);
          latestHint.set(entry.specId, expected);
        }
        // Lost a race (condition or TransactionConflict): back off with jitter and go again.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6))));
      }
    }
    throw new ContentionError(`Could not register a version of ${entry.specId} after ${maxAttempts} attempts.`, {
      context: { specId: entry.specId },
    });
  }

  const repository: SpecRepository = {
    append(entry) {
      return serialized(entry.specId, () => appendNow(entry));
    },

    async get(specId, version, texts = "all") {
      const projection =
        texts === "all"
          ? {}
          : { ProjectionExpression: `${SUMMARY_ATTRIBUTES}, ${texts === "raw" ? "rawGz" : "canonicalGz"}`, ExpressionAttributeNames: SUMMARY_NAMES };
      if (version === "latest") {
        const { Items = [] } = await client.send(latestQuery(specId, projection));
        if (!Items[0]) throw new SpecNotFoundError(specId);
        return toVersion(unmarshallItem(Items[0]));
      }
      const { Item } = await client.send(
        new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.specVersion(specId, version)), ...projection }),
      );
      if (!Item) throw new SpecVersionNotFoundError(specId, version);
      return toVersion(unmarshallItem(Item));
    },

    async getSummary(specId, version) {
      if (version === "latest") {
        const { Items = [] } = await client.send(latestQuery(specId, { ProjectionExpression: SUMMARY_ATTRIBUTES, ExpressionAttributeNames: SUMMARY_NAMES }));
        if (!Items[0]) throw new SpecNotFoundError(specId);
        return toSummary(unmarshallItem(Items[0]));
      }
      const { Item } = await client.send(
        new GetItemCommand({
          TableName: tableName,
          Key: marshallItem(keys.specVersion(specId, version)),
          ProjectionExpression: SUMMARY_ATTRIBUTES,
          ExpressionAttributeNames: SUMMARY_NAMES,
          ConsistentRead: true,
        }),
      );
      if (!Item) throw new SpecVersionNotFoundError(specId, version);
      return toSummary(unmarshallItem(Item));
    },

    async listVersions(specId, page) {
      const result = await queryPage(
        deps.table,
        deps.cursors,
        `versions:${specId}`,
        page,
        {
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: marshallItem({ ":pk": keys.spec(specId).pk, ":prefix": keys.specVersionPrefix() }),
          ProjectionExpression: SUMMARY_ATTRIBUTES,
          ExpressionAttributeNames: SUMMARY_NAMES,
          ScanIndexForward: false,
        },
        toSummary,
      );
      // An empty first page of an unknown spec is a 404, not an empty list.
      if (result.items.length === 0 && !page.cursor) await repository.getSpec(specId);
      return result;
    },

    listSpecs: (page) => queryPage(deps.table, deps.cursors, "specs", page, gsi1Partition(keys.specListPartition()), toSpecSummary),

    async getSpec(specId) {
      const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.spec(specId)) }));
      if (!Item) throw new SpecNotFoundError(specId);
      return toSpecSummary(unmarshallItem(Item));
    },

    async setState(specId, version, state, by, at, ifMatch) {
      // Read, then write the new state and its event in one transaction conditioned on the
      // state revision read: the revision numbers the event, so two writers cannot both commit one.
      for (let attempt = 0; ; attempt++) {
        const { Item } = await client.send(
          new GetItemCommand({ TableName: tableName, Key: marshallItem(keys.specVersion(specId, version)), ProjectionExpression: `${SUMMARY_ATTRIBUTES}, stateRevision`, ExpressionAttributeNames: SUMMARY_NAMES, ConsistentRead: true }),
        );
        if (!Item) throw new SpecVersionNotFoundError(specId, version);
        const item = unmarshallItem(Item);
        const current = toSummary(item);
        if (ifMatch && !ifMatch(versionEtag(current, false))) throw new SpecVersionChangedError(specId, version, versionEtag(current, false));
        if (current.state === state) return current;
        const revision = (item.stateRevision as number | undefined) ?? 0;
        const stream = keys.specEventStream(specId);
        try {
          await client.send(
            new TransactWriteItemsCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: tableName,
                    Key: marshallItem(keys.specVersion(specId, version)),
                    UpdateExpression: "SET #state = :state, updatedAt = :at, updatedBy = :by, stateRevision = :next",
                    ConditionExpression: revision === 0 ? "attribute_exists(pk) AND attribute_not_exists(stateRevision)" : "stateRevision = :revision",
                    ExpressionAttributeNames: { "#state": "state" },
                    ExpressionAttributeValues: marshallItem({ ":state": state, ":at": at, ":by": by, ":next": revision + 1, ...(revision === 0 ? {} : { ":revision": revision }) }),
                  },
                },
                streamEventPut(
                  tableName,
                  { stream, id: `${stream}:${version}.${revision + 1}`, key: keys.specStateEvent(specId, version, revision + 1) },
                  { type: "spec.version_state_changed", actor: by, data: { specId, version, from: current.state, to: state } },
                  at,
                ),
              ],
            }),
          );
          return { ...current, state, updatedAt: at, updatedBy: by };
        } catch (error) {
          if (!cancellationReasons(error)?.includes("ConditionalCheckFailed") || attempt >= 4) {
            if (isConditionalCheckFailed(error)) throw new SpecVersionNotFoundError(specId, version);
            throw error;
          }
        }
      }
    },
  };

  function latestQuery(specId: string, projection: { ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> } = {}) {
    return new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: marshallItem({ ":pk": keys.spec(specId).pk, ":prefix": keys.specVersionPrefix() }),
      ScanIndexForward: false,
      Limit: 1,
      ...projection,
    });
  }

  return repository;
}

function toSpecSummary(item: Record<string, unknown>): SpecSummary {
  return {
    specId: item.specId as string,
    name: item.name as string,
    latestVersion: item.latestVersion as number,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}
