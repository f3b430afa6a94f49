import { GetItemCommand, TransactWriteItemsCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createApprovalLinkChannel, type ApprovalLinkDelivery } from "@rollgate/core/approval";
import { createPrincipalDirectory, type Principal, type Scope } from "@rollgate/core/auth";
import type { DomainEvent } from "@rollgate/core/events";
import {
  createDeploymentService,
  createStepHandler,
  DeploymentNotFoundError,
  type DeploymentService,
  type DeploymentStatus,
  type DeploymentView,
  type SpecVersionRecord,
  type TargetFactory,
} from "@rollgate/core/rollout";
import { createCursorCodec, keys, marshallItem, unmarshallItem, type TableContext } from "@rollgate/core/store";
import { createTrafficTarget, readSimulatedTarget } from "@rollgate/core/target";
import { createSealer, generateSealingKey } from "@rollgate/core/sealing";
import { createWebhookDispatcher, createWebhookStore } from "@rollgate/core/webhooks";
import { createLocalOrchestrator, type LocalOrchestrator } from "@rollgate/core/workflow";

/**
 * Test wiring for rollouts: the real step handler, the real ASL on the local engine, the
 * simulated target, DynamoDB Local. Specs come from an in-memory reader (the registry is
 * not what these tests are about).
 */

export function principal(subject: string, options: { scopes?: Scope[]; roles?: string[] } = {}): Principal {
  return { tokenId: `token-${subject}`, subject, scopes: options.scopes ?? ["deploy", "approve", "rollback"], roles: options.roles ?? [] };
}

export const admin = principal("admin", { scopes: ["admin"] });
export const deployer = principal("ci-bot");
export const approver = principal("alice", { roles: ["tech-lead", "product-owner"] });

export function createSpecs() {
  const versions = new Map<string, SpecVersionRecord>();
  return {
    add(specId: string, version: number, document: Record<string, unknown>, state: SpecVersionRecord["state"] = "active") {
      versions.set(`${specId}@${version}`, { specId, version, state, document: structuredClone(document) });
    },
    reader: {
      async getVersion(specId: string, version: number | "latest") {
        const numbers = [...versions.values()].filter((v) => v.specId === specId).map((v) => v.version);
        const wanted = version === "latest" ? Math.max(0, ...numbers) : version;
        const found = versions.get(`${specId}@${wanted}`);
        if (!found) throw new DeploymentNotFoundError(`${specId}@${version}`);
        return structuredClone(found);
      },
    },
  };
}

const finished: DeploymentStatus[] = ["succeeded", "rolled_back", "aborted", "rollback_failed"];

export interface HarnessOptions {
  waitScale?: number;
  /** The table the step handler writes through (fault injection); defaults to `table`. */
  stepTable?: TableContext;
  targets?: TargetFactory;
  defaultEnvironments?: string[];
}

export function createRolloutHarness(table: TableContext, options: HarnessOptions = {}) {
  const specs = createSpecs();
  const deliveries: ApprovalLinkDelivery[] = [];
  const cursors = createCursorCodec("test-secret");
  const targets: TargetFactory = options.targets ?? ((settings) => createTrafficTarget(settings, { table }));
  // Approval links as `npm start` delivers them (sealed by the gate, sent by the approval-link
  // channel on a delivery round), into `deliveries`; `linksFor` plays the relay and the rounds.
  const sealer = createSealer(generateSealingKey());
  const webhookStore = createWebhookStore({ table, cursors });
  const linkChannel = createApprovalLinkChannel({ table, store: webhookStore, sealer, send: (d) => void deliveries.push(d), maxAttempts: 3 });
  const linkRounds = createWebhookDispatcher({ store: webhookStore, channels: { [keys.approvalLinkDeliveryChannel()]: linkChannel }, options: { maxAttempts: 3 } });

  function boot(waitScale: number) {
    const stepHandler = createStepHandler({
      table: options.stepTable ?? table,
      targets,
      approvalLinks: { baseUrl: "https://rollgate.test/approvals", sealer },
    });
    const orchestrator: LocalOrchestrator = createLocalOrchestrator({ stepHandler, waitScale });
    const service: DeploymentService = createDeploymentService({
      table,
      orchestrator,
      specs: specs.reader,
      cursors,
      config: { defaultEnvironments: options.defaultEnvironments ?? ["dev", "staging", "production"] },
    });
    return { orchestrator, service };
  }
  let runtime = boot(options.waitScale ?? 0.001);

  const directory = createPrincipalDirectory({ table });
  const harness = {
    table,
    specs,
    deliveries,
    /** The links delivered for the deployment's gate: relays its gate events to the approval-link channel and runs delivery rounds until they arrive. */
    async linksFor(id: string, timeoutMs = 45_000): Promise<ApprovalLinkDelivery> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = deliveries.findLast((d) => d.deploymentId === id);
        if (found) return found;
        const view = await runtime.service.get(id);
        for (const event of view.timeline.filter((e) => e.type === "deployment.approval_requested")) await linkChannel.fanOut.publish(event);
        await linkRounds.deliverDue();
        if (Date.now() > deadline) throw new Error(`no approval links were delivered for ${id}`);
        await new Promise((r) => setTimeout(r, 15));
      }
    },
    directory,
    /** Puts a principal in the directory (approval links are minted for the principals holding a gate's roles). */
    async addPrincipal(subject: string, roles: string[], more: { disabled?: boolean; displayName?: string } = {}) {
      return (await directory.write(subject, () => ({ roles, disabled: more.disabled ?? false, displayName: more.displayName }), "test")).principal;
    },
    get service() {
      return runtime.service;
    },
    get orchestrator() {
      return runtime.orchestrator;
    },

    /** A crash: every execution stops where it is (no Catch runs), a new process starts and resumes. */
    async restart(waitScale = options.waitScale ?? 0.001) {
      await runtime.orchestrator.stopAll("process crashed");
      runtime = boot(waitScale);
      return runtime.service.resumeInFlight();
    },

    /** Polls until `done` holds for the deployment; gives up after `timeoutMs` (generous: not a timing check). */
    async waitFor(id: string, done: (view: DeploymentView) => boolean, timeoutMs = 45_000): Promise<DeploymentView> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const view = await runtime.service.get(id);
        if (done(view)) return view;
        if (Date.now() > deadline) throw new Error(`deployment ${id} is still ${view.status} at step ${JSON.stringify(view.currentStep)}`);
        await new Promise((r) => setTimeout(r, 15));
      }
    },

    /** Runs the deployment to its end, deciding each approval gate with `decide` (default: alice approves). */
    async settle(id: string, decide: (view: DeploymentView) => Promise<unknown> = (v) => runtime.service.decide(v.id, { decision: "approve" }, approver)) {
      for (;;) {
        const view = await harness.waitFor(id, (v) => finished.includes(v.status) || v.status === "awaiting_approval");
        if (view.status !== "awaiting_approval") return view;
        await decide(view);
        await harness.waitFor(id, (v) => v.status !== "awaiting_approval");
      }
    },

    /** Creates a deployment and runs it to its end. */
    async deploy(specId: string, version: number, environment: string, who: Principal = deployer) {
      const created = await runtime.service.create({ specId, version, environment }, who);
      if (!("deployment" in created)) throw new Error("expected a deployment");
      return harness.settle(created.deployment.id);
    },

    async simulated(specId: string, environment: string) {
      return readSimulatedTarget(table, specId, environment);
    },

    async lockHolder(specId: string, environment: string): Promise<string | undefined> {
      const { Item } = await table.client.send(
        new GetItemCommand({ TableName: table.tableName, Key: marshallItem(keys.lock(specId, environment)), ConsistentRead: true }),
      );
      return Item ? unmarshallItem<{ deploymentId: string }>(Item).deploymentId : undefined;
    },

    async activeIds(): Promise<string[]> {
      const { QueryCommand } = await import("@aws-sdk/client-dynamodb");
      const { Items = [] } = await table.client.send(
        new QueryCommand({
          TableName: table.tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: marshallItem({ ":pk": keys.activePartition() }),
          ConsistentRead: true,
        }),
      );
      return Items.map((item) => unmarshallItem<{ deploymentId: string }>(item).deploymentId);
    },

    async stop() {
      await runtime.orchestrator.stopAll("test over");
    },
  };
  return harness;
}

export type RolloutHarness = ReturnType<typeof createRolloutHarness>;

/** A canary in 25 % steps to 50 % on the simulated target, with dev, staging and production (fields overridable). */
export const canary = (extra: Record<string, unknown> = {}) => ({
  deployment: {
    strategy: "canary",
    canary: { traffic_split: [{ version: "current", percentage: 75 }, { version: "candidate", percentage: 25 }] },
    analysis: { interval: "30s", threshold: 2, step_weight: 25, max_weight: 50 },
    target: { type: "simulated" },
  },
  environments: { dev: {}, staging: {}, production: {} },
  ...extra,
});

export const eventTypes = (view: { timeline: DomainEvent[] }) => view.timeline.map((e) => e.type);

/**
 * A table whose TransactWriteItems fail when `fails` says so: the step's completion record
 * (and everything in its transaction) does not happen, as in a DynamoDB outage at that step.
 */
export function faultyTable(table: TableContext, fails: (events: DomainEvent[]) => boolean): TableContext {
  const client = new Proxy(table.client, {
    get(target, property, receiver) {
      if (property !== "send") return Reflect.get(target, property, receiver);
      return async (command: Parameters<DynamoDBClient["send"]>[0]) => {
        if (command instanceof TransactWriteItemsCommand) {
          const events = (command.input.TransactItems ?? [])
            .map((item) => item.Put?.Item)
            .filter((item) => item?.entity?.S === "event")
            .map((item) => unmarshallItem<{ event: DomainEvent }>(item!).event);
          if (fails(events)) throw Object.assign(new Error("injected: the write at this step failed"), { name: "InjectedFault" });
        }
        return target.send(command as never);
      };
    },
  });
  return { client, tableName: table.tableName };
}
