import { createLocalOrchestrator } from "@rollgate/core/workflow";
let n = 0;
const calls: any[] = [];
const o = createLocalOrchestrator({
  waitScale: 0.001,
  stepHandler: async (req) => {
    calls.push(req);
    if (req.action === "advance") {
      n++;
      if (n <= 10) return { next: "wait", waitSeconds: 30 };
      if (n === 11) return { next: "gate", gateTimeoutSeconds: 60 };
      return { next: "done" };
    }
    if (req.action === "openGate") { setTimeout(() => o.sendTaskSuccess(req.taskToken, { approved: true }), 10); return { status: "open" }; }
    return { status: "rolled_back" };
  },
});
let t = Date.now();
await o.ready(); console.log("ready ms", Date.now() - t); t = Date.now();
const { executionId } = await o.start({ deploymentId: "d1", mode: "run" });
console.log(executionId);
console.log(await o.waitForCompletion(executionId), Date.now() - t, calls.length);
const c = await o.start({ deploymentId: "d2", mode: "compensate" });
console.log(await o.waitForCompletion(c.executionId), calls.at(-1));
