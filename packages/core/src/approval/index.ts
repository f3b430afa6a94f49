/** Approval gates: votes, quorum, approval links. */
export * from "./errors.js";
export {
  hashLinkToken,
  type ApprovalLink,
  type ApprovalLinkDelivery,
  type ApprovalLinkOptions,
  type ApprovalLinkRecord,
} from "./links.js";
export { openApprovalGate } from "./gate.js";
export { createWebhookLinkSink, LinkDeliveryError } from "./delivery.js";
export {
  createApprovalLinkChannel,
  createApprovalLinkFanOut,
  type ApprovalLinkChannel,
  type ApprovalLinkChannelDeps,
  type ApprovalLinkSink,
} from "./link-channel.js";
export { castVote, type Ballot, type VoteOutcome } from "./votes.js";
export {
  createApprovalService,
  type ApprovalLinkView,
  type ApprovalService,
  type DecisionInput,
  type LinkDecisionInput,
} from "./service.js";
