export * from "./catalog.js";
export * from "./types.js";
export * from "./relay.js";
export * from "./notifier.js";
export * from "./notifier-metrics.js";
export * from "./outbox.js";
