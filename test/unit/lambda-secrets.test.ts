import { describe, expect, it } from "vitest";
import { loadBoundSecrets } from "../../packages/functions/src/secrets.js";

const env = {
  SST_APP: "rollgate",
  SST_SSM_PREFIX: "/sst/rollgate/prod/",
  SST_Secret_value_CURSOR_SECRET: "__FETCH_FROM_SSM__",
  SST_Secret_value_WEBHOOK_SECRET: "__FETCH_FROM_SSM__",
  SST_Secret_value_ADMIN_TOKEN: "__FETCH_FROM_SSM__",
  UNRELATED: "x",
};

/** SSM GetParameters over a fixed set of parameters, recording each request. */
function fakeSsm(parameters: Record<string, string>) {
  const requests: { Names: string[]; WithDecryption?: boolean }[] = [];
  const client = {
    async send(command: { input: { Names: string[]; WithDecryption?: boolean } }) {
      requests.push(command.input);
      return {
        Parameters: command.input.Names.filter((n) => n in parameters).map((Name) => ({ Name, Value: parameters[Name] })),
        InvalidParameters: command.input.Names.filter((n) => !(n in parameters)),
      };
    },
  };
  return { client: client as never, requests };
}

describe("bound SST secrets at cold start", () => {
  it("reads the stage value, then the app fallback, and leaves a secret set nowhere absent instead of failing", async () => {
    const ssm = fakeSsm({
      "/sst/rollgate/prod/Secret/CURSOR_SECRET/value": "cursor-from-stage",
      "/sst/rollgate/.fallback/Secret/WEBHOOK_SECRET/value": "webhook-from-fallback",
    });
    const secrets = await loadBoundSecrets(ssm.client, env);
    expect(secrets).toEqual({ CURSOR_SECRET: "cursor-from-stage", WEBHOOK_SECRET: "webhook-from-fallback" });
    expect(ssm.requests[0]).toMatchObject({ WithDecryption: true });
    expect(ssm.requests[0]!.Names).toEqual(expect.arrayContaining(["/sst/rollgate/prod/Secret/ADMIN_TOKEN/value"]));
    // Only what the stage lacked is looked up in the fallback.
    expect(ssm.requests[1]!.Names).toEqual(["/sst/rollgate/.fallback/Secret/WEBHOOK_SECRET/value", "/sst/rollgate/.fallback/Secret/ADMIN_TOKEN/value"]);
  });

  it("takes values SST put straight into the environment without asking SSM", async () => {
    const ssm = fakeSsm({});
    expect(await loadBoundSecrets(ssm.client, { SST_Secret_value_CURSOR_SECRET: "inline" })).toEqual({ CURSOR_SECRET: "inline" });
    expect(ssm.requests).toHaveLength(0);
  });
});
