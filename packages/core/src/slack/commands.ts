/**
 * The text of `/rollgate …` (the command's name may be anything; only `text` is parsed).
 * Anything that is not a known command with its arguments is `help`, never an error.
 */
export type SlackCommand =
  | { kind: "help"; unknown?: string }
  | { kind: "status"; specId: string; environment?: string }
  | { kind: "rollback"; specId: string; environment: string; reason?: string }
  | { kind: "approve" | "reject"; deploymentId: string; comment?: string };

const identifier = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function parseSlackCommand(text: string): SlackCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [verb, ...args] = words;
  const rest = (from: number) => args.slice(from).join(" ").slice(0, 500) || undefined;
  const help = { kind: "help" as const, ...(verb && verb.toLowerCase() !== "help" ? { unknown: text.trim().slice(0, 200) } : {}) };
  switch (verb?.toLowerCase()) {
    case "status":
      if (args.length < 1 || args.length > 2 || !args.every((a) => identifier.test(a))) return help;
      return { kind: "status", specId: args[0]!, ...(args[1] ? { environment: args[1] } : {}) };
    case "rollback": {
      if (args.length < 2 || !identifier.test(args[0]!) || !identifier.test(args[1]!)) return help;
      const reason = rest(2);
      return { kind: "rollback", specId: args[0]!, environment: args[1]!, ...(reason ? { reason } : {}) };
    }
    case "approve":
    case "reject": {
      if (args.length < 1 || !identifier.test(args[0]!)) return help;
      const comment = rest(1);
      return { kind: verb.toLowerCase() as "approve" | "reject", deploymentId: args[0]!, ...(comment ? { comment } : {}) };
    }
    default:
      return help;
  }
}

export function helpText(command = "/rollgate"): string {
  return [
    `*${command}* commands:`,
    `• \`${command} status <spec> [env]\`: environments, versions, the deployment in flight`,
    `• \`${command} rollback <spec> <env> [reason…]\`: restore the version the environment ran before`,
    `• \`${command} approve <deploymentId> [comment…]\` / \`${command} reject <deploymentId> [comment…]\`: vote on an open approval gate`,
    `• \`${command} help\`: this list`,
  ].join("\n");
}
