import { GetParametersCommand, SSMClient } from "@aws-sdk/client-ssm";

const placeholder = "__FETCH_FROM_SSM__";
const envPrefix = "SST_Secret_value_";

/**
 * The SST v2 Config secrets bound to this function, read as `sst/node/config` reads them
 * (the stage's SSM parameter, then the app-wide `.fallback` one) but with one difference: a
 * secret set nowhere is absent instead of failing the whole function at cold start, so an
 * optional secret (WEBHOOK_SECRET without webhooks) cannot take the API or the saga down.
 * Callers decide which secrets they require.
 */
export async function loadBoundSecrets(
  client: Pick<SSMClient, "send"> = new SSMClient({}),
  env: Record<string, string | undefined> = process.env,
): Promise<Record<string, string>> {
  const secrets: Record<string, string> = {};
  const pending: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(envPrefix) || value === undefined) continue;
    const name = key.slice(envPrefix.length);
    if (value === placeholder) pending.push(name);
    else secrets[name] = value;
  }
  const stagePath = (name: string) => `${env.SST_SSM_PREFIX ?? ""}Secret/${name}/value`;
  const fallbackPath = (name: string) => `/sst/${env.SST_APP ?? ""}/.fallback/Secret/${name}/value`;
  for (const path of [stagePath, fallbackPath]) {
    const missing = pending.filter((name) => secrets[name] === undefined);
    for (let i = 0; i < missing.length; i += 10) {
      const chunk = missing.slice(i, i + 10);
      const { Parameters = [] } = await client.send(new GetParametersCommand({ Names: chunk.map(path), WithDecryption: true }));
      for (const parameter of Parameters) {
        const name = chunk.find((n) => path(n) === parameter.Name);
        if (name && parameter.Value !== undefined) secrets[name] = parameter.Value;
      }
    }
  }
  return secrets;
}
