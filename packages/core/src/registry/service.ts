import { diffSpecs, readSpec, type SpecDiff, type SpecFormat, type ValidationMode } from "../spec/index.js";
import type { Principal } from "../auth/index.js";
import type { Page, SpecRepository, VersionTexts } from "./repository.js";
import type { IssueRef, LifecycleState, SpecSummary, SpecVersion, SpecVersionSummary, VersionRef } from "./schema.js";

export interface RegisterResult {
  created: boolean;
  version: SpecVersionSummary;
  /** Warnings of this submission (an identical earlier one may have had the same). */
  warnings: IssueRef[];
  /** The document as submitted (key order kept). */
  document: Record<string, unknown>;
}

/** The spec registry: register, read, list, diff and lifecycle of immutable spec versions. */
export interface Registry {
  register(text: string, options: { format: SpecFormat | "auto"; mode?: ValidationMode; principal: Principal }): Promise<RegisterResult>;
  validate(text: string, options: { format: SpecFormat | "auto"; mode?: ValidationMode }): { specId: string; contentHash: string; warnings: IssueRef[] };
  getVersion(specId: string, version: VersionRef, texts?: VersionTexts): Promise<SpecVersion>;
  getVersionSummary(specId: string, version: VersionRef): Promise<SpecVersionSummary>;
  listVersions(specId: string, page: Page): Promise<{ items: SpecVersionSummary[]; nextCursor: string | null }>;
  listSpecs(page: Page): Promise<{ items: SpecSummary[]; nextCursor: string | null }>;
  getSpec(specId: string): Promise<SpecSummary>;
  diff(specId: string, from: VersionRef, to: VersionRef): Promise<SpecDiff & { from: number; to: number }>;
  setState(specId: string, version: VersionRef, state: LifecycleState, principal: Principal): Promise<SpecVersionSummary>;
}

export function createRegistry(deps: {
  repository: SpecRepository;
  defaultMode?: ValidationMode;
  clock?: () => Date;
}): Registry {
  const { repository } = deps;
  const clock = deps.clock ?? (() => new Date());
  const defaultMode = deps.defaultMode ?? "lenient";

  const resolve = async (specId: string, ref: VersionRef) =>
    ref === "latest" ? (await repository.getSummary(specId, "latest")).version : ref;

  return {
    async register(text, { format, mode, principal }) {
      const spec = readSpec(text, { format, mode: mode ?? defaultMode });
      const { created, version } = await repository.append({
        specId: spec.specId,
        name: String(spec.document.name),
        contentHash: spec.contentHash,
        format: spec.format,
        raw: text,
        canonical: spec.canonical,
        createdBy: principal.subject,
        createdAt: clock().toISOString(),
        warnings: spec.warnings,
      });
      return { created, version, warnings: spec.warnings, document: spec.document };
    },

    validate(text, { format, mode }) {
      const spec = readSpec(text, { format, mode: mode ?? defaultMode });
      return { specId: spec.specId, contentHash: spec.contentHash, warnings: spec.warnings };
    },

    getVersion: (specId, ref, texts) => repository.get(specId, ref, texts),
    getVersionSummary: (specId, ref) => repository.getSummary(specId, ref),
    listVersions: (specId, page) => repository.listVersions(specId, page),
    listSpecs: (page) => repository.listSpecs(page),
    getSpec: (specId) => repository.getSpec(specId),

    async diff(specId, fromRef, toRef) {
      const [from, to] = await Promise.all([repository.get(specId, fromRef, "canonical"), repository.get(specId, toRef, "canonical")]);
      return { from: from.version, to: to.version, ...diffSpecs(from.document, to.document) };
    },

    async setState(specId, ref, state, principal) {
      return repository.setState(specId, await resolve(specId, ref), state, principal.subject, clock().toISOString());
    },
  };
}
