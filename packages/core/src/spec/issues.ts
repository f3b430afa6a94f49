import type { z } from "zod";
import type { FieldIssue } from "../errors/index.js";
import { formatPath, type PathSegment, type Position } from "./positions.js";

/** An issue before it is shown: the path still in segments, so it can be found in the source. */
export interface SpecIssue {
  path: PathSegment[];
  message: string;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}

function describeBound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === "too_small";
  const limit = Number(small ? issue.minimum : issue.maximum);
  const got = issue.input === undefined ? "" : `, got ${describeValue(issue.input)}`;
  if (issue.origin === "array") return `must have at ${small ? "least" : "most"} ${limit} item${limit === 1 ? "" : "s"}`;
  if (issue.origin === "string") return `must be at ${small ? "least" : "most"} ${limit} characters long`;
  if (issue.origin === "number" || issue.origin === "int") {
    const bound = issue.inclusive === false ? (small ? "greater than" : "less than") : small ? "at least" : "at most";
    return `must be ${bound} ${limit}${got}`;
  }
  return issue.message;
}

const typeNames: Record<string, string> = { object: "a map", record: "a map", array: "a list" };

/** zod issues as field issues that name the field and say what was expected, in words a spec author knows. */
export function describeZodIssues(issues: readonly z.core.$ZodIssue[], base: PathSegment[] = []): SpecIssue[] {
  return issues.flatMap((issue): SpecIssue[] => {
    const path = [...base, ...(issue.path as PathSegment[])];
    switch (issue.code) {
      case "invalid_type":
        if (issue.input === undefined) return [{ path, message: "required field is missing" }];
        return [{ path, message: `expected ${typeNames[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}` }];
      case "invalid_value":
        return [{ path, message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(issue.input)}` }];
      case "unrecognized_keys":
        return issue.keys.map((key) => ({ path: [...path, key], message: "unknown field (not in the OSpec v1.0 schema)" }));
      case "invalid_key":
        return [{ path, message: `invalid key: ${issue.issues.map((inner) => inner.message).join("; ")}` }];
      case "invalid_union":
        // A discriminated union reports the discriminator; a plain one, the value.
        return [{ path, message: issue.message.startsWith("Invalid discriminator") ? issue.message.replace("Invalid discriminator value. E", "e") : `does not match any allowed form, got ${describeValue(issue.input)}` }];
      case "too_small":
      case "too_big":
        return [{ path, message: describeBound(issue) }];
      default:
        return [{ path, message: issue.message }];
    }
  });
}

/** The public form: a dotted path, and the position when the source is known. */
export function toFieldIssue(issue: SpecIssue, locate?: (path: readonly PathSegment[]) => Position | undefined): FieldIssue {
  const position = locate?.(issue.path);
  const shown: FieldIssue = { path: formatPath(issue.path), message: issue.message };
  return position ? { ...shown, line: position.line, column: position.column } : shown;
}
