/**
 * Secrets, stored by SST in SSM Parameter Store (SecureString) and set with
 * `npx sst secrets set NAME value --stage <stage>`. Functions that bind one get
 * `ssm:GetParameters` on that parameter only and read it at cold start; no secret value
 * is ever in the template or in an environment literal.
 */
import { Config, type StackContext } from "sst/constructs";

export function Secrets({ stack }: StackContext) {
  return {
    /** Seeds the first admin API token (stored hashed) on the API's first cold start. */
    adminToken: new Config.Secret(stack, "ADMIN_TOKEN"),
    /** Signs the API's opaque paging cursors. */
    cursorSecret: new Config.Secret(stack, "CURSOR_SECRET"),
    /** HMAC key of the approval-link webhook (ROLLGATE_APPROVAL_WEBHOOK_URL). Webhook traffic targets have their own secrets, registered with them. */
    webhookSecret: new Config.Secret(stack, "WEBHOOK_SECRET"),
    /**
     * AES-256-GCM key (32 random bytes, base64) that seals new approval links from the gate's
     * transaction until the delivery function sends them (core/sealing): the step seals, the
     * delivery function opens. The table never holds a link in plaintext.
     */
    sealingKey: new Config.Secret(stack, "SEALING_KEY"),
    /** The Slack app's signing secret: /slack/* verifies every request with it (without it, /slack/* is a 404). API only. */
    slackSigningSecret: new Config.Secret(stack, "SLACK_SIGNING_SECRET"),
    /** The Slack bot token (`xoxb-…`, scopes chat:write and commands): the API (card after a click) and the delivery function (cards). */
    slackBotToken: new Config.Secret(stack, "SLACK_BOT_TOKEN"),
  };
}
