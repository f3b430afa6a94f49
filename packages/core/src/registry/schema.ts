import { z } from "zod";

export const lifecycleStates = ["active", "deprecated", "disabled"] as const;
export const lifecycleStateSchema = z.enum(lifecycleStates);
export type LifecycleState = z.infer<typeof lifecycleStateSchema>;

export const specIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "expected a kebab-case spec id").max(100, "spec ids are at most 100 characters long");

/** `latest` or a positive integer. */
export const versionRefSchema = z.union([z.literal("latest"), z.coerce.number().int().positive().max(9_999_999_999)]);
export type VersionRef = z.infer<typeof versionRefSchema>;

export interface IssueRef {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** What the registry says about one version (without its document). */
export interface SpecVersionSummary {
  specId: string;
  version: number;
  contentHash: string;
  state: LifecycleState;
  format: "yaml" | "json";
  createdAt: string;
  createdBy: string;
  updatedAt?: string;
  updatedBy?: string;
  warnings: IssueRef[];
}

export interface SpecVersion extends SpecVersionSummary {
  /** The document as parsed from the raw text (key order as written). */
  readonly document: Record<string, unknown>;
  /** Canonical JSON (sorted keys), whose sha256 is `contentHash`. */
  readonly canonical: string;
  /** The text exactly as submitted. */
  readonly raw: string;
}

/** The summary fields of a version, without its texts. */
export function versionSummary(v: SpecVersionSummary): SpecVersionSummary {
  return {
    specId: v.specId,
    version: v.version,
    contentHash: v.contentHash,
    state: v.state,
    format: v.format,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
    ...(v.updatedAt ? { updatedAt: v.updatedAt, updatedBy: v.updatedBy } : {}),
    warnings: v.warnings,
  };
}

export interface SpecSummary {
  specId: string;
  name: string;
  latestVersion: number;
  createdAt: string;
  updatedAt: string;
}
