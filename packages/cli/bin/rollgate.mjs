#!/usr/bin/env node
// `rollgate`: the CLI runs from its TypeScript sources (no build step); tsx loads them.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
