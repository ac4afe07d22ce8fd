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

/** A failure whose issues were not listed (validation that stops at the first failure). */
export const FAILED: Outcome = Object.freeze({ ok: false, issues: Object.freeze([]) as unknown as ValidationIssue[] });

export function fail(type: string, msg: string, input: unknown): Outcome {
  return { ok: false, issues: [{ type, loc: [], msg, input }] };
}

/**
 * Moves the issues of a failed outcome into `into`, their locations prefixed with `key` (then `sub`). The validators
 * make fresh issues for every call and hand them up once, so an issue is given its longer location in place rather
 * than copied (a list of 200,000 failing items keeps 200,000 issues alive; copies at each level cost as much again).
 */
export function pushLocated(into: ValidationIssue[], issues: readonly ValidationIssue[], key: string | number, sub?: string | number): void {
  for (const issue of issues) {
    const inner = issue.loc;
    const loc = sub === undefined ? (inner.length === 0 ? [key] : [key, ...inner]) : inner.length === 0 ? [key, sub] : [key, sub, ...inner];
    (issue as { loc: ValidationIssue["loc"] }).loc = loc;
    into.push(issue);
  }
}
