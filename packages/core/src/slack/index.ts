/** The Slack app (DESIGN.md section 11): request signatures, commands, identity links, release cards as a relay channel. */
export * from "./schema.js";
export * from "./errors.js";
export { verifySlackSignature, signSlackRequest, signatureToleranceSeconds, type SignatureVerdict } from "./signature.js";
export { parseSlackCommand, helpText, type SlackCommand } from "./commands.js";
export { createSlackLinkStore, claimSlackRequest, type SlackLinkStore } from "./links.js";
export { createCardStore, type CardStore, type CardState } from "./card-store.js";
export { renderCard, renderThreadReply, blockKitLimits, slackActions, threadReplyTypes, cardEventTypes } from "./cards.js";
export { createSlackWebApi, createSlackResponder, type SlackApi, type SlackApiOptions, type SlackMessage, type SlackResponder, type Block } from "./api.js";
export { createSlackChannel, createSlackFanOut, type SlackChannel, type SlackChannelDeps } from "./channel.js";
export { createSlackCardChannel, type SlackCardSettings } from "./factory.js";
export { createSlackChatOps, type SlackChatOps, type SlackJob, type SlashCommandInput, type ButtonInput, type SlackAcceptance } from "./chatops.js";
