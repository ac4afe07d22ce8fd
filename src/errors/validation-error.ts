import { DSPyError } from "./dspy-error.js";
import { defineLazyProperty } from "./lazy-property.js";

/** One failed check inside a `ValidationError` (pydantic's line error). */
export interface ValidationIssue {
  /** Pydantic's error type, e.g. `int_parsing`, `missing`, `literal_error`. */
  readonly type: string;
  /** Where in the value: field names, list indexes, `[key]` for dict keys, union member names. */
  readonly loc: ReadonlyArray<string | number>;
  readonly msg: string;
  readonly input: unknown;
}

/**
 * A value did not validate against a field's type (pydantic's `ValidationError`); the message is pydantic's,
 * byte for byte: `1 validation error for int\n  Input should be a valid integer …`. Like pydantic-core, which keeps
 * the line errors and writes `str(error)` when asked, tsdspy's validators pass the message as a function, built on
 * first read; `validateValue` also passes the issues as a function: it stops at the first failure and lists them all
 * when `issues` (or the message) is first read.
 */
export class ValidationError extends DSPyError {
  /** The validated type's title (`int`, `list[str]`, `Person`, `nullable[int]`). */
  readonly title: string;
  declare readonly issues: readonly ValidationIssue[];

  constructor(title: string, issues: readonly ValidationIssue[] | (() => readonly ValidationIssue[]), message: string | (() => string)) {
    super(message);
    this.name = "ValidationError";
    this.title = title;
    if (typeof issues === "function") defineLazyProperty(this, "issues", issues, true);
    else (this as { issues: readonly ValidationIssue[] }).issues = issues;
  }
}
