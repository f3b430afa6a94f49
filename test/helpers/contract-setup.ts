import { afterAll } from "vitest";
import { contractViolations, exchanges } from "./contract.js";

/**
 * After each test file: the responses its API tests saw must match /openapi.json
 * (test/helpers/contract.ts). A file that makes no API request checks nothing.
 */
afterAll(async () => {
  const violations = await contractViolations();
  exchanges.length = 0;
  if (violations.length) {
    throw new Error(`${violations.length} response(s) differ from /openapi.json:\n  ${violations.slice(0, 60).join("\n  ")}`);
  }
});
