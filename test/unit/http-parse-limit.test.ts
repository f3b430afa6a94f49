import { describe, expect, it } from "vitest";
import { createParseLimiter, ParseCapacityError } from "../../packages/functions/src/http/parse-limit.js";

/** A task that runs until its `finish` is called. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

describe("the parse limiter", () => {
  it("runs `concurrency` at a time, queues `queue` more, refuses the rest at once", async () => {
    const limiter = createParseLimiter({ concurrency: 2, queue: 1 });
    const started: number[] = [];
    const tasks = [held(), held(), held()];
    const runs = tasks.map((task, i) => limiter.run(async () => (started.push(i), task.done)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    expect([limiter.inFlight, limiter.queued]).toEqual([2, 1]);
    const refused = await limiter.run(async () => "never").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ParseCapacityError);
    expect(refused).toMatchObject({ code: "PARSE_CAPACITY_EXCEEDED", kind: "unavailable", context: { retryAfterSeconds: 1 } });
    tasks[0]!.finish();
    await runs[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    tasks[1]!.finish();
    tasks[2]!.finish();
    await Promise.all(runs);
    expect([limiter.inFlight, limiter.queued]).toEqual([0, 0]);
  });

  it("frees the slot when the work fails, and passes it on in arrival order", async () => {
    const limiter = createParseLimiter({ concurrency: 1, queue: 3 });
    const order: string[] = [];
    const first = held();
    const failing = limiter.run(async () => {
      await first.done;
      throw new Error("parse failed");
    });
    const after = ["a", "b", "c"].map((name) => limiter.run(async () => void order.push(name)));
    first.finish();
    await expect(failing).rejects.toThrow("parse failed");
    await Promise.all(after);
    expect(order).toEqual(["a", "b", "c"]);
    expect([limiter.inFlight, limiter.queued]).toEqual([0, 0]);
  });

  it("hands the slot on in a later turn of the event loop, so other I/O runs between two parses", async () => {
    const limiter = createParseLimiter({ concurrency: 1, queue: 1 });
    const events: string[] = [];
    const first = limiter.run(async () => void events.push("first"));
    const second = limiter.run(async () => void events.push("second"));
    setImmediate(() => events.push("other I/O"));
    await Promise.all([first, second]);
    expect(events).toEqual(["first", "other I/O", "second"]);
  });
});
