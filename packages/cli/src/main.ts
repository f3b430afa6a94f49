/** `rollgate`: the process around the program. Nothing here prints a stack trace. */
import { run } from "./program.js";

const io = {
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
};

process.on("unhandledRejection", (reason) => {
  process.stderr.write(`rollgate: unexpected error: ${reason instanceof Error ? reason.message : String(reason)}\n`);
  process.exit(1);
});

process.exitCode = await run(process.argv.slice(2), io);
