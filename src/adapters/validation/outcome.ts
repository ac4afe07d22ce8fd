import type { ValidationIssue } from "../../errors/validation-error.js";

/** How closely an input matched (pydantic-core's exactness), used to pick among union members. */
export const LAX = 0;
export const STRICT = 1;
export const EXACT = 2;

/** The result of validating one value: the value, or pydantic line errors. */
export type Outcome =
  | { readonly ok: true; readonly value: unknown; readonly exactness: number; readonly fieldsSet?: number }
  | { readonly ok: false; readonly issues: ValidationIssue[] };

export function ok(value: unknown, exactness: number, fieldsSet?: number): Outcome {
  return fieldsSet === undefined ? { ok: true, value, exactness } : { ok: true, value, exactness, fieldsSet };
}

export function fail(type: string, msg: string, input: unknown): Outcome {
  return { ok: false, issues: [{ type, loc: [], msg, input }] };
}

/**
 * Appends the issues of a failed outcome to `into`, with `prefix` prepended to their locations (one by one: a list of
 * 200,000 failing items would overflow the call stack as spread arguments).
 */
export function pushLocated(into: ValidationIssue[], issues: readonly ValidationIssue[], ...prefix: Array<string | number>): void {
  for (const issue of issues) into.push({ ...issue, loc: [...prefix, ...issue.loc] });
}
