/** Spec ids as Rollgate stores them: kebab-case, no leading, trailing or doubled dash. */
export const specIdPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Longest spec id the registry accepts (DESIGN.md section 3). */
export const maxSpecIdLength = 100;

/** `{{service-name}}-api`: a placeholder of a template document, not yet filled in. */
const templatePlaceholder = /\{\{|\}\}/;

/** `Bad_ID` -> `bad-id`: what the author probably meant; undefined when nothing usable is left. */
export function suggestSpecId(id: string): string | undefined {
  const suggestion = id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxSpecIdLength)
    .replace(/-+$/, "");
  return specIdPattern.test(suggestion) ? suggestion : undefined;
}

/**
 * Why `id` cannot be a spec id, or undefined when it can. The id is the spec's identity in
 * both validation modes and is never rewritten: `Orders_API` rewritten to `orders-api` would
 * add versions to an unrelated spec. A non-string id is left to the schema's type check.
 */
export function specIdProblem(id: unknown): string | undefined {
  if (typeof id !== "string") return undefined;
  if (id.trim() === "") return "must not be empty";
  const suggestion = suggestSpecId(id);
  const fillIn = suggestion ? ` (for example "${suggestion}")` : "";
  if (templatePlaceholder.test(id)) {
    return `"${shorten(id)}" is a template placeholder, not an id: fill in the template's {{…}} fields${fillIn} before registering it`;
  }
  if (id.length > maxSpecIdLength) return `must be at most ${maxSpecIdLength} characters long, got ${id.length}`;
  if (!specIdPattern.test(id)) {
    const hint = suggestion ? `: did you mean "${suggestion}"?` : ".";
    return `expected a kebab-case id (lower-case letters and digits, joined by single dashes; ids are never rewritten)${hint}`;
  }
  return undefined;
}

const shorten = (id: string) => (id.length > 60 ? `${id.slice(0, 60)}…` : id);
