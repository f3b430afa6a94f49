/**
 * Offline synthesis of the SST v2 app: `npm run synth [-- --stage prod]` writes the
 * CloudFormation templates (and the bundled function assets) to `cdk.out/`, and the infra
 * tests call `synthesize()` from here, so what the tests check is what this writes.
 *
 * `sst build` / `sst deploy` first ask STS who the caller is and look up the CDK bootstrap
 * stack, which needs AWS credentials and network. This does what SST's own synth does
 * (initProject, App, the config's `stacks`, finish, synth) without those lookups:
 * - NODE_ENV=test is SST's switch for "running under a test": App.finish skips the
 *   bootstrap lookup and the sourcemap-uploader custom resource;
 * - the account is a placeholder (123456789012) instead of the STS identity;
 * - npm runs offline for SST's per-function `npm install` step (it installs nothing here,
 *   since the only externals are the AWS SDK packages the Lambda runtime provides).
 * Functions are still bundled for real by SST's esbuild, as in a deploy.
 */
// SST v2 itself loads the v2 AWS SDK, which prints a maintenance notice on import.
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= "1";
import { mkdir, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Aspects } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { initProject } from "sst/project.js";
import { App } from "sst/constructs";
import type { CloudAssembly } from "aws-cdk-lib/cx-api";

export const placeholderAccount = "123456789012";
const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

export interface SynthOptions {
  /** Stage name; decides deletion protection and removal policies. Default "dev". */
  stage?: string;
  region?: string;
  /** Where the cloud assembly goes. Default: a temp dir (tests) or cdk.out (the script). */
  outdir?: string;
  /** Add cdk-nag's AwsSolutions checks; findings become error/warning annotations. Default true. */
  nag?: boolean;
}

export interface Synthesized {
  app: App;
  assembly: CloudAssembly;
  stage: string;
}

/**
 * SST keeps one project per process and builds functions under `.sst/artifacts/<id>`, so
 * two synths of the same app at once (parallel test files, a synth during the tests)
 * would overwrite each other's bundles; a lock directory serializes them across processes.
 */
async function withSynthLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = join(root, ".sst", "synth.lock");
  await mkdir(join(root, ".sst"), { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 5 * 60_000) await rm(lock, { recursive: true, force: true }); // left by a killed process
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

let queue: Promise<unknown> = Promise.resolve();

/** Synthesizes the whole app offline. Calls in one process run one after another. */
export function synthesize(options: SynthOptions = {}): Promise<Synthesized> {
  const run = queue.then(() => withSynthLock(() => synthesizeNow(options)));
  queue = run.catch(() => undefined);
  return run;
}

async function synthesizeNow(options: SynthOptions): Promise<Synthesized> {
  const stage = options.stage ?? "dev";
  process.env.NODE_ENV = "test";
  process.env.npm_config_offline = "true";
  process.env.npm_config_audit = "false";
  process.env.npm_config_fund = "false";
  const cwd = process.cwd();
  process.chdir(root); // handler paths in the stacks are relative to the repository root
  try {
    await initProject({ stage, region: options.region, root });
    const { default: config } = await import(pathToFileURL(join(root, "sst.config.ts")).href);
    const project = config.config({ stage, region: options.region });
    const app = new App(
      { mode: "deploy", stage, name: project.name, region: project.region, account: placeholderAccount },
      { outdir: options.outdir },
    );
    if (options.nag !== false) Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
    await config.stacks(app);
    await app.finish();
    return { app, assembly: app.synth(), stage };
  } finally {
    process.chdir(cwd);
  }
}

/** cdk-nag findings of a synthesized app, as `stack: rule message` lines. */
export function nagFindings({ assembly }: Synthesized, level: "error" | "warning"): string[] {
  const findings: string[] = [];
  for (const stack of assembly.stacks) {
    for (const [path, entries] of Object.entries(stack.manifest.metadata ?? {})) {
      for (const entry of entries) {
        if (entry.type === `aws:cdk:${level}` && String(entry.data).startsWith("AwsSolutions-")) {
          findings.push(`${stack.stackName}${path}: ${String(entry.data).split("\n")[0]}`);
        }
      }
    }
  }
  return findings;
}

async function main() {
  const stageFlag = process.argv.indexOf("--stage");
  const stage = stageFlag > 0 ? process.argv[stageFlag + 1] : undefined;
  const outdir = join(root, "cdk.out");
  await rm(outdir, { recursive: true, force: true });
  const synthesized = await synthesize({ stage, outdir });
  for (const stack of synthesized.assembly.stacks) console.log(`${stack.stackName}: ${join("cdk.out", stack.templateFile)}`);
  const errors = nagFindings(synthesized, "error");
  const warnings = nagFindings(synthesized, "warning");
  for (const line of warnings) console.warn(`cdk-nag warning ${line}`);
  for (const line of errors) console.error(`cdk-nag error ${line}`);
  console.log(`stage ${synthesized.stage}: ${synthesized.assembly.stacks.length} stacks, cdk-nag ${errors.length} errors, ${warnings.length} warnings`);
  if (errors.length > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main()
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    // SST's build service and esbuild contexts keep the event loop alive after synth.
    .finally(() => process.exit());
}
