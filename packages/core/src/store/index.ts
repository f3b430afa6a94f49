export { tableDefinition, createTableInput, type TableDefinition } from "./table.js";
export { keys } from "./keys.js";
export {
  createDynamoClient,
  ensureTable,
  isConditionalCheckFailed,
  cancellationReasons,
  type TableContext,
} from "./dynamo.js";
export { createCursorCodec, type CursorCodec } from "./cursor.js";
export { InvalidCursorError, ContentionError, StorageUnavailableError, isStorageUnavailable } from "./errors.js";
export { createStorageProbe, type StorageCheck } from "./health.js";
export { withBackoff } from "./retry.js";
export { readItems, type ItemRead } from "./batch-get.js";
export { marshallItem, unmarshallItem } from "./marshall.js";
export { queryPage, gsi1Partition } from "./paging.js";
