import {
  ConditionalCheckFailedException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
  TransactionCanceledException,
} from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { ContentionError, isStorageUnavailable, StorageUnavailableError } from "@rollgate/core/store";

/** Which failures mean "the database is not answering" (503 + Retry-After) and which do not. */
const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });
const netError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe("isStorageUnavailable", () => {
  it("is true for refused, reset and timed-out connections, 5xx answers and throttling that outlasted the retries", () => {
    for (const error of [
      netError("ECONNREFUSED"),
      netError("ECONNRESET"),
      netError("ETIMEDOUT"),
      Object.assign(new Error("timed out"), { name: "TimeoutError" }),
      new ProvisionedThroughputExceededException({ message: "slow down", ...meta(400) }),
      Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException", ...meta(400) }),
      new InternalServerError({ message: "oops", ...meta(500) }),
      Object.assign(new Error("bad gateway"), meta(502)),
      new StorageUnavailableError(),
      // wrapped by a caller
      new Error("listing failed", { cause: netError("ECONNREFUSED") }),
    ]) {
      expect(isStorageUnavailable(error), String(error)).toBe(true);
    }
  });

  it("is false for requests the database refused, domain errors and plain bugs", () => {
    for (const error of [
      new ConditionalCheckFailedException({ message: "no", ...meta(400) }),
      new TransactionCanceledException({ message: "cancelled", ...meta(400) }),
      new ResourceNotFoundException({ message: "no table", ...meta(400) }),
      new ContentionError("lost races"),
      new TypeError("undefined is not a function"),
      undefined,
      "a string",
    ]) {
      expect(isStorageUnavailable(error), String(error)).toBe(false);
    }
  });
});
