import { Command, CommanderError, Option } from "commander";
import { ApiProblemError, CliError, exitCodes } from "./errors.js";
import { githubActions } from "./github.js";
import { oneLine } from "./render.js";
import { specCommands, type Define } from "./commands-specs.js";
import { rolloutCommands } from "./commands-rollouts.js";
import type { Io } from "./context.js";

const exitCodeHelp = `
Exit codes:
  0  succeeded, or reached the --until state
  1  unexpected error (network, 5xx)
  2  usage error, or the request was refused (4xx: title, detail and field errors are printed)
  3  rolled back: a check or analysis failed
  4  rejected, or the approval timed out
  5  aborted
  6  --timeout passed; the rollout is still running (the command to keep watching is printed)
  7  rollback_failed: a human must act

Environment: ROLLGATE_URL (default http://localhost:3000), ROLLGATE_TOKEN; --url and --token override.
In GitHub Actions (GITHUB_ACTIONS=true) it also masks the token, writes one ::error annotation for a
failed outcome, a job summary to $GITHUB_STEP_SUMMARY and deployment-id, status, version to $GITHUB_OUTPUT.`;

/** --url, --token, --output: on every command, so each one's --help lists them. */
function withCommonOptions(command: Command): Command {
  return command
    .addOption(new Option("--url <url>", "Rollgate's address").env("ROLLGATE_URL").default("http://localhost:3000"))
    .addOption(new Option("--token <token>", "the API token").env("ROLLGATE_TOKEN"))
    .addOption(
      new Option("--output <mode>", "text (one line per change), json (one final object) or ndjson (one event per line)")
        .choices(["text", "json", "ndjson"])
        .default("text"),
    );
}

/** The command's first example again, with the flags every command takes. */
const commonExamples = (first: string) => [
  `ROLLGATE_URL=https://rollgate.example.com ROLLGATE_TOKEN=... ${first}`,
  `${first.replace(/\s+#.*$/, "")} --url http://localhost:3000 --token "$ROLLGATE_TOKEN" --output json`,
];

/** The `rollgate` program. Each action returns its exit code; `run` resolves to it. */
export function createProgram(io: Io): { program: Command; exitCode: () => number; output: () => string } {
  let exitCode: number = exitCodes.succeeded;
  let output = "text";
  const program = new Command("rollgate")
    .description("Rollgate's CLI for CI: register specs, deploy and promote them, follow rollouts to their outcome.")
    .version("0.1.0", "-V, --version", "print the CLI's version")
    .enablePositionalOptions()
    .showHelpAfterError("(add --help for the flags and examples)")
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .exitOverride()
    .addHelpText("after", `\nExamples:\n  rollgate specs register examples/payments-api.yaml\n  rollgate deploy payments-api --env dev --wait\n  rollgate promote payments-api --from dev --to staging --wait\n${exitCodeHelp}`);

  const define: Define = (parent, nameAndArgs, description, examples) => {
    const command = withCommonOptions(parent.command(nameAndArgs).description(description))
      .exitOverride()
      .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) });
    command.addHelpText("after", () => `\nExamples:\n${[...examples, ...commonExamples(examples[0]!)].map((e) => `  ${e}`).join("\n")}\n${exitCodeHelp}`);
    return command;
  };
  const run =
    (action: (...args: never[]) => Promise<number>) =>
    async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      const { token, output: mode } = command.opts<{ token?: string; output: string }>();
      output = mode;
      const github = githubActions(io.env);
      if (github && token) io.stdout(`${github.mask(token)}\n`);
      exitCode = await (action as (...a: unknown[]) => Promise<number>)(...args);
    };

  specCommands(program, io, define, run);
  rolloutCommands(program, io, define, run);
  program.commands.find((c) => c.name() === "specs")?.exitOverride().configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) });
  return { program, exitCode: () => exitCode, output: () => output };
}

function errorObject(error: CliError) {
  if (error instanceof ApiProblemError) return { message: error.message, status: error.status, problem: error.problem };
  return { message: error.message, ...(error.details.length ? { details: error.details } : {}) };
}

/** Runs the CLI on `argv` (without node and the script) and resolves to the exit code; it never throws. */
export async function run(argv: string[], io: Io): Promise<number> {
  const { program, exitCode, output } = createProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode();
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; every other parse failure is a usage error (2).
      if (["commander.helpDisplayed", "commander.help", "commander.version"].includes(error.code) || error.exitCode === 0) return 0;
      return exitCodes.refused;
    }
    const cliError = error instanceof CliError ? error : new CliError(`unexpected error: ${error instanceof Error ? error.message : String(error)}`, exitCodes.unexpected);
    io.stderr(`rollgate: ${oneLine(cliError.message)}\n`);
    // "  - " first: the runner also reads stderr, and a detail may quote a field name from the spec.
    for (const detail of cliError.details) io.stderr(`  - ${oneLine(detail)}\n`);
    if (cliError.exitCode === exitCodes.refused && /\b401\b/.test(cliError.message)) io.stderr("  (set ROLLGATE_TOKEN or pass --token)\n");
    // A script reading --output json gets an object on failure too.
    if (output() !== "text") io.stdout(`${JSON.stringify({ exitCode: cliError.exitCode, error: errorObject(cliError) })}\n`);
    const github = githubActions(io.env);
    if (github) io.stdout(`${github.error("Rollgate", [cliError.message, ...cliError.details].join("\n"))}\n`);
    return cliError.exitCode;
  }
}
