/**
 * The synthesized app for the infra tests: `scripts/synth.ts`'s offline synthesis (the
 * same one `npm run synth` runs), once per stage per test file, plus small helpers to read
 * the templates.
 */
import { Template } from "aws-cdk-lib/assertions";
import { synthesize, type Synthesized } from "../../scripts/synth.js";

const cache = new Map<string, Promise<Synthesized>>();

/** The whole app synthesized for `stage` (dev: ephemeral; prod: protected). */
export function synthesized(stage: "dev" | "prod" = "dev"): Promise<Synthesized> {
  let result = cache.get(stage);
  if (!result) cache.set(stage, (result = synthesize({ stage })));
  return result;
}

export type StackName = "Storage" | "Secrets" | "Orchestration" | "Api" | "OutboxRelay" | "Alarms";

/** The raw CloudFormation template of one stack. */
export function templateJson(app: Synthesized, stack: StackName): CfnTemplate {
  return app.assembly.getStackByName(`${app.stage}-rollgate-${stack}`).template as CfnTemplate;
}

export function template(app: Synthesized, stack: StackName): Template {
  return Template.fromJSON(templateJson(app, stack) as unknown as Record<string, unknown>);
}

export interface CfnResource {
  Type: string;
  Properties?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, unknown>;
}

/** [logicalId, resource] pairs of one type. */
export function resourcesOfType(t: CfnTemplate, type: string): Array<[string, CfnResource]> {
  return Object.entries(t.Resources).filter(([, r]) => r.Type === type);
}

export function onlyResource(t: CfnTemplate, type: string, where: (r: CfnResource) => boolean = () => true) {
  const found = resourcesOfType(t, type).filter(([, r]) => where(r));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]!;
}

/** The function whose SST handler string is `handler` (e.g. packages/functions/src/api.handler). */
export function functionByHandler(t: CfnTemplate, handler: string) {
  return onlyResource(t, "AWS::Lambda::Function", (r) => r.Properties?.Handler === handler);
}

/**
 * Resolves the intrinsics a template string is built from: Fn::Join of literals and
 * references, where each reference is replaced by `resolveRef` (GetAtt/Ref/ImportValue).
 */
export function resolveIntrinsics(value: unknown, resolveRef: (ref: Record<string, unknown>) => string): string {
  if (typeof value === "string") return value;
  const node = value as Record<string, unknown>;
  if (Array.isArray(node["Fn::Join"])) {
    const [separator, parts] = node["Fn::Join"] as [string, unknown[]];
    return parts.map((part) => resolveIntrinsics(part, resolveRef)).join(separator);
  }
  return resolveRef(node);
}

/**
 * A template value as readable text: pseudo parameters take their synth values, references
 * become `<import:NAME>`, `<ref:ID>` or `<getatt:ID.ATTR>`.
 */
export function readable(value: unknown): string {
  return resolveIntrinsics(value, (ref) => {
    if (ref.Ref === "AWS::Partition") return "aws";
    if (typeof ref.Ref === "string") return `<ref:${ref.Ref}>`;
    if (typeof ref["Fn::ImportValue"] === "string") return `<import:${ref["Fn::ImportValue"]}>`;
    const getAtt = ref["Fn::GetAtt"] as [string, string] | undefined;
    if (getAtt) return `<getatt:${getAtt[0]}.${getAtt[1]}>`;
    return JSON.stringify(ref);
  });
}

/** Every IAM policy statement attached to the role with logical id `roleId`. */
export function statementsOf(t: CfnTemplate, roleId: string): PolicyStatementJson[] {
  return resourcesOfType(t, "AWS::IAM::Policy")
    .filter(([, p]) => (p.Properties?.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties!.PolicyDocument.Statement as PolicyStatementJson[]);
}

/** The statements of a function's execution role. */
export function statementsOfFunction(t: CfnTemplate, functionId: string): PolicyStatementJson[] {
  const roleId = t.Resources[functionId]?.Properties?.Role?.["Fn::GetAtt"]?.[0] as string | undefined;
  if (!roleId) throw new Error(`no role for ${functionId}`);
  return statementsOf(t, roleId);
}

export interface PolicyStatementJson {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

export const actionsOf = (s: PolicyStatementJson) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
export const resourcesOf = (s: PolicyStatementJson) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);
