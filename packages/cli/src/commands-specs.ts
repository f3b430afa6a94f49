import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { UsageError, fieldIssueLine } from "./errors.js";
import { contextFor, type Io } from "./context.js";

type Action = (...args: never[]) => Promise<number>;
export type Define = (parent: Command, name: string, description: string, examples: string[]) => Command;
export type Run = (action: Action) => (...args: unknown[]) => Promise<void>;

/** A spec document from a file (or `-`, standard input); `.json` is sent as JSON, anything else as YAML. */
function readSpec(file: string): { text: string; format: "yaml" | "json" } {
  try {
    const text = readFileSync(file === "-" ? 0 : file, "utf8");
    return { text, format: file.toLowerCase().endsWith(".json") ? "json" : "yaml" };
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function specCommands(program: Command, io: Io, define: Define, run: Run) {
  const specs = program.command("specs").description("Register, validate, compare and read spec documents");

  define(specs, "register <file>", "Register an OSpec document (YAML or JSON; - reads standard input) as a new version", [
    "rollgate specs register examples/payments-api.yaml",
    "rollgate specs register examples/payments-api.yaml --strict   # the official schema's rules",
  ])
    .option("--strict", "validate against the official OSpec schema (default: lenient)")
    .action(
      run(async (file: string, options: { strict?: boolean }, command: Command) => {
        const ctx = contextFor(command, io);
        const { text, format } = readSpec(file);
        const { registered, created } = await ctx.api.register(text, format, Boolean(options.strict));
        ctx.github?.setOutputs({ "spec-id": registered.specId, version: registered.version });
        if (ctx.output !== "text") {
          ctx.json({ ...registered, created });
          return 0;
        }
        ctx.line(
          created
            ? `registered ${registered.specId} v${registered.version} (contentHash ${registered.contentHash})`
            : `${registered.specId} v${registered.version}: identical content was already registered (unchanged)`,
        );
        for (const warning of registered.warnings) ctx.line(`warning: ${fieldIssueLine(warning)}`);
        if (registered.deploymentId) ctx.line(`auto_deploy started deployment ${registered.deploymentId}: follow it with ${ctx.watchCommand(registered.deploymentId)}`);
        return 0;
      }),
    );

  define(specs, "validate <file>", "Validate a document without registering it (exit 0 when valid, 2 with the errors)", [
    "rollgate specs validate examples/payments-api.yaml",
    "rollgate specs validate examples/payments-api.yaml --strict",
  ])
    .option("--strict", "validate against the official OSpec schema (default: lenient)")
    .action(
      run(async (file: string, options: { strict?: boolean }, command: Command) => {
        const ctx = contextFor(command, io);
        const { text, format } = readSpec(file);
        const result = await ctx.api.validate(text, format, Boolean(options.strict));
        if (ctx.output !== "text") {
          ctx.json(result);
          return 0;
        }
        ctx.line(`valid: ${result.specId} (contentHash ${result.contentHash}), ${result.warnings.length} warning(s)`);
        for (const warning of result.warnings) ctx.line(`warning: ${fieldIssueLine(warning)}`);
        return 0;
      }),
    );

  define(specs, "diff <spec> <from> <to>", "What changed between two versions (numbers or latest): the rollout-relevant changes and the JSON Patch", [
    "rollgate specs diff payments-api 1 2",
    "rollgate specs diff payments-api 1 latest --output json",
  ]).action(
    run(async (spec: string, from: string, to: string, _options: unknown, command: Command) => {
      const ctx = contextFor(command, io);
      const diff = await ctx.api.diff(spec, from, to);
      if (ctx.output !== "text") {
        ctx.json(diff);
        return 0;
      }
      const d = diff as { patch: { op: string; path: string }[]; rolloutChanges: { path: string; op: string; from?: unknown; to?: unknown; loosens?: boolean; why?: string }[] };
      ctx.line(`${spec} ${from} -> ${to}: ${d.patch.length} change(s), ${d.rolloutChanges.length} affecting rollouts`);
      for (const change of d.rolloutChanges) {
        ctx.line(`rollout: ${change.path} ${change.op} ${JSON.stringify(change.from)} -> ${JSON.stringify(change.to)}${change.loosens ? ` (LOOSENS: ${change.why ?? "a guardrail"})` : ""}`);
      }
      for (const op of d.patch) ctx.line(`patch: ${op.op} ${op.path}`);
      return 0;
    }),
  );

  define(specs, "get <spec> [version]", "Print a version's document as registered (default: latest); --output json for the stored record", [
    "rollgate specs get payments-api",
    "rollgate specs get payments-api 2 --output json",
  ]).action(
    run(async (spec: string, version: string | undefined, _options: unknown, command: Command) => {
      const ctx = contextFor(command, io);
      if (ctx.output !== "text") {
        ctx.json(await ctx.api.version(spec, version ?? "latest"));
        return 0;
      }
      const text = await ctx.api.versionText(spec, version ?? "latest");
      // The document is the user's text, line by line; in GitHub Actions none of it may act as a workflow command.
      const fence = ctx.github ? `rollgate-${crypto.randomUUID()}` : undefined;
      if (fence) io.stdout(`::stop-commands::${fence}\n`);
      io.stdout(text.endsWith("\n") ? text : `${text}\n`);
      if (fence) io.stdout(`::${fence}::\n`);
      return 0;
    }),
  );
}
