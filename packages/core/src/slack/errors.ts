import { RollgateError, type ErrorKind } from "../errors/index.js";

/** Errors of the Slack app: identity links and the Web API adapter. */
export class SlackError extends RollgateError {
  override name = "SlackError";
  readonly code: string = "SLACK_FAILED";
  readonly kind: ErrorKind = "unavailable";
}

export class SlackLinkNotFoundError extends SlackError {
  override name = "SlackLinkNotFoundError";
  override readonly code = "SLACK_USER_NOT_LINKED";
  override readonly kind: ErrorKind = "not_found";
  constructor(slackUserId: string) {
    super(`Slack user ${slackUserId} is not linked to a principal.`, { context: { slackUserId } });
  }
}

/** A Web API call that Slack refused or that did not reach Slack; `slackError` is Slack's own code (`channel_not_found`). */
export class SlackApiError extends SlackError {
  override name = "SlackApiError";
  override readonly code = "SLACK_API_FAILED";
  readonly slackError: string;
  constructor(method: string, slackError: string, options: { cause?: unknown } = {}) {
    super(`Slack ${method} failed: ${slackError}`, { ...options, context: { method, slackError } });
    this.slackError = slackError;
  }
}

/** A link to a subject that is no principal (or a disabled one). */
export class SlackLinkSubjectError extends SlackError {
  override name = "SlackLinkSubjectError";
  override readonly code = "SLACK_LINK_SUBJECT_UNKNOWN";
  override readonly kind: ErrorKind = "invalid";
  constructor(subject: string) {
    super(`No enabled principal ${subject}: create it first (PUT /v1/principals/${subject}).`, {
      context: { subject },
      errors: [{ path: "subject", message: `no enabled principal ${subject}` }],
    });
  }
}
