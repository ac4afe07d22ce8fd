import { ValidationError, type ValidationIssue } from "../../errors/validation-error.js";
import type { Constraints, LiteralValue, ModelType, TypeNode } from "../../signatures/type-node.js";
import { PyFloat } from "../../python/py-float.js";
import { pyStr } from "../../python/pyfmt.js";
import { pySetOrder } from "../../python/py-set-order.js";
import { setOwnProperty } from "../../python/set-own-property.js";
import { copyPlain } from "../apply-output-defaults.js";
import { validateCustom } from "./validate-custom.js";
import { EXACT, fail, FAILED, LAX, ok, pushLocated, type Outcome } from "./outcome.js";
import { pydanticTitle } from "./pydantic-title.js";
import { PyEqualSet } from "./py-equal-set.js";
import { isPyDict } from "./py-value-kind.js";
import { expectedText, matchLiteral, validateBool, validateBytes, validateFloat, validateInt, validateNone, validateStr } from "./validate-scalar.js";
import { validationMessage } from "./validation-message.js";

/** Options of `validateValue`. */
export interface ValidateOptions {
  /** Also accept model fields by their name when they have an alias (pydantic's `by_name=True`). */
  readonly byName?: boolean;
  /** Decodes tool-call arguments given as JSON text inside `ToolCalls` values (default: strict JSON). */
  readonly decodeArguments?: (text: string) => unknown;
}

function items(type: TypeNode & { kind: "list" | "set" | "frozenset" }, input: unknown, run: Run): Outcome {
  let values: unknown[];
  let exactness = EXACT;
  if (Array.isArray(input)) {
    values = input;
    if (type.kind !== "list") exactness = LAX;
  } else if (input instanceof Set) {
    values = [...input];
    if (type.kind === "list") exactness = LAX;
  } else {
    const [errorType, what] = type.kind === "list" ? ["list_type", "list"] : type.kind === "set" ? ["set_type", "set"] : ["frozen_set_type", "frozenset"];
    return fail(errorType, `Input should be a valid ${what}`, input);
  }
  const out: unknown[] = [];
  const seen = type.kind === "list" ? null : new PyEqualSet();
  const issues: ValidationIssue[] = [];
  for (let i = 0; i < values.length; i++) {
    const r = type.item ? validateIn(type.item, values[i], run) : ok(values[i], EXACT);
    if (!r.ok) {
      if (!run.collect) return FAILED;
      pushLocated(issues, r.issues, i);
    } else if (issues.length === 0) {
      exactness = Math.min(exactness, r.exactness);
      if (seen === null || seen.add(r.value)) out.push(r.value);
    }
  }
  if (issues.length) return { ok: false, issues };
  // A Python set iterates in hash-table order, which is reproducible for numbers and bools (not for strings).
  return ok(type.kind === "list" ? out : (pySetOrder(out) ?? out), exactness);
}

function tuple(type: TypeNode & { kind: "tuple" }, input: unknown, run: Run): Outcome {
  if (!Array.isArray(input) && !(input instanceof Set)) return fail("tuple_type", "Input should be a valid tuple", input);
  const values = [...input];
  if (!type.items || type.variadic) {
    const item = type.items?.[0] ?? null;
    return items({ kind: "list", item }, values, run);
  }
  const n = type.items.length;
  if (values.length > n) {
    return fail("too_long", `Tuple should have at most ${n} item${n === 1 ? "" : "s"} after validation, not ${values.length}`, input);
  }
  const out: unknown[] = [];
  const issues: ValidationIssue[] = [];
  let exactness = LAX;
  for (let i = 0; i < n; i++) {
    if (i >= values.length) {
      if (!run.collect) return FAILED;
      issues.push({ type: "missing", loc: [i], msg: "Field required", input });
      continue;
    }
    const r = validateIn(type.items[i] as TypeNode, values[i], run);
    if (!r.ok) {
      if (!run.collect) return FAILED;
      pushLocated(issues, r.issues, i);
    } else {
      exactness = Math.min(exactness, r.exactness);
      out.push(r.value);
    }
  }
  return issues.length ? { ok: false, issues } : ok(out, exactness);
}

function dict(type: TypeNode & { kind: "dict" }, input: unknown, run: Run): Outcome {
  const entries = input instanceof Map ? [...input] : isPyDict(input) ? Object.entries(input) : null;
  if (!entries) return fail("dict_type", "Input should be a valid dictionary", input);
  const out: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  let exactness = input instanceof Map ? LAX : EXACT;
  for (const [key, value] of entries) {
    const k = type.key ? validateIn(type.key, key, run) : ok(key, EXACT);
    if (!k.ok && !run.collect) return FAILED;
    if (!k.ok) pushLocated(issues, k.issues, pyStr(key), "[key]");
    const v = type.value ? validateIn(type.value, value, run) : ok(value, EXACT);
    if (!v.ok && !run.collect) return FAILED;
    if (!v.ok) pushLocated(issues, v.issues, pyStr(key));
    if (k.ok && v.ok && issues.length === 0) {
      exactness = Math.min(exactness, k.exactness, v.exactness);
      setOwnProperty(out, pyStr(k.value), v.value);
    }
  }
  return issues.length ? { ok: false, issues } : ok(out, exactness);
}

function smartUnion(options: readonly TypeNode[], input: unknown, run: Run): Outcome {
  let best: { value: unknown; exactness: number; fieldsSet: number | undefined } | null = null;
  const issues: ValidationIssue[] = [];
  for (const choice of options) {
    const r = validateIn(choice, input, run);
    if (r.ok) {
      if (r.exactness === EXACT && r.fieldsSet === undefined) return r;
      const better =
        best === null ||
        (best.fieldsSet !== undefined && r.fieldsSet !== undefined && best.fieldsSet !== r.fieldsSet
          ? best.fieldsSet < r.fieldsSet
          : best.exactness < r.exactness);
      if (better) best = { value: r.value, exactness: r.exactness, fieldsSet: r.fieldsSet };
    } else if (best === null && run.collect) {
      pushLocated(issues, r.issues, remember(run.titles, choice, () => pydanticTitle(choice)));
    }
  }
  if (best) return ok(best.value, best.exactness, best.fieldsSet);
  return run.collect ? { ok: false, issues } : FAILED;
}

function union(type: TypeNode & { kind: "union" }, input: unknown, run: Run): Outcome {
  const rest = remember(run.lists, type.options, () => type.options.filter((o) => o.kind !== "none")) as readonly TypeNode[];
  if (rest.length < type.options.length) {
    if (input === null || input === undefined) return ok(null, EXACT);
    if (rest.length === 1) return validateIn(rest[0] as TypeNode, input, run);
  }
  return smartUnion(rest, input, run);
}

function sameScalarKind(a: unknown, b: unknown): boolean {
  return typeof a === typeof b && !(typeof a === "number" && Number.isInteger(a) !== Number.isInteger(b));
}

const NUMBER_BOUNDS: ReadonlyArray<[keyof Constraints, string, string, (v: number, c: number) => boolean]> = [
  ["gt", "greater_than", "greater than", (v, c) => v > c],
  ["ge", "greater_than_equal", "greater than or equal to", (v, c) => v >= c],
  ["lt", "less_than", "less than", (v, c) => v < c],
  ["le", "less_than_equal", "less than or equal to", (v, c) => v <= c],
];

/** Pydantic's field constraints (bounds, lengths, multiple_of) on an already validated value. */
function checkConstraints(value: unknown, constraints: Constraints | undefined, input: unknown): ValidationIssue[] {
  if (!constraints) return [];
  const issues: ValidationIssue[] = [];
  const issue = (type: string, msg: string) => issues.push({ type, loc: [], msg, input });
  const num = typeof value === "number" || typeof value === "bigint" || value instanceof PyFloat ? Number(value) : null;
  if (num !== null) {
    for (const [key, type, text, test] of NUMBER_BOUNDS) {
      const bound = constraints[key];
      if (bound !== undefined && !test(num, bound)) issue(type, `Input should be ${text} ${pyStr(bound)}`);
    }
    if (constraints.multiple_of !== undefined && num % constraints.multiple_of !== 0) issue("multiple_of", `Input should be a multiple of ${pyStr(constraints.multiple_of)}`);
  }
  const length = typeof value === "string" ? [...value].length : Array.isArray(value) ? value.length : null;
  if (length !== null) {
    const isText = typeof value === "string";
    const unit = (n: number) => (isText ? `character${n === 1 ? "" : "s"}` : `item${n === 1 ? "" : "s"}`);
    const { min_length: min, max_length: max } = constraints;
    if (min !== undefined && length < min) {
      issue(isText ? "string_too_short" : "too_short", isText ? `String should have at least ${min} ${unit(min)}` : `List should have at least ${min} ${unit(min)} after validation, not ${length}`);
    }
    if (max !== undefined && length > max) {
      issue(isText ? "string_too_long" : "too_long", isText ? `String should have at most ${max} ${unit(max)}` : `List should have at most ${max} ${unit(max)} after validation, not ${length}`);
    }
  }
  return issues;
}

function model(type: ModelType, input: unknown, run: Run): Outcome {
  if (!isPyDict(input)) return fail("model_type", `Input should be a valid dictionary or instance of ${type.name}`, input);
  const out: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  let fieldsSet = 0;
  for (const field of type.fields) {
    const key = field.alias ?? field.name;
    const found = Object.hasOwn(input, key) ? key : run.options.byName && Object.hasOwn(input, field.name) ? field.name : null;
    if (found === null) {
      if (field.default !== undefined) setOwnProperty(out, field.name, copyPlain(field.default.value));
      else if (!run.collect) return FAILED;
      else issues.push({ type: "missing", loc: [key], msg: "Field required", input });
      continue;
    }
    const r = validateIn(field.type, input[found], run);
    if (!r.ok) {
      if (!run.collect) return FAILED;
      pushLocated(issues, r.issues, key);
      continue;
    }
    const violations = checkConstraints(r.value, field.constraints, input[found]);
    if (violations.length) {
      if (!run.collect) return FAILED;
      pushLocated(issues, violations, key);
      continue;
    }
    setOwnProperty(out, field.name, r.value);
    fieldsSet++;
  }
  return issues.length ? { ok: false, issues } : ok(out, LAX, fieldsSet);
}

/** One validation: its options, and what is worked out once per type node rather than per value (titles, expected texts). */
interface Run {
  readonly options: ValidateOptions;
  /** Whether failures list their issues; without, a container fails at its first failing part with `FAILED`. */
  readonly collect: boolean;
  /** pydantic titles of union members. */
  readonly titles: Map<TypeNode, string>;
  /** The "'a', 'b' or 'c'" text of Literal and Enum nodes. */
  readonly expected: Map<TypeNode, string>;
  /** Enum members' values, unions' members other than None. */
  readonly lists: Map<object, readonly unknown[]>;
}

function remember<K, T>(memo: Map<K, T>, key: K, build: () => T): T {
  let value = memo.get(key);
  if (value === undefined) {
    value = build();
    memo.set(key, value);
  }
  return value;
}

function validateIn(type: TypeNode, input: unknown, run: Run): Outcome {
  switch (type.kind) {
    case "str": return validateStr(input);
    case "int": return validateInt(input);
    case "float": return validateFloat(input);
    case "bool": return validateBool(input);
    case "bytes": return validateBytes(input);
    case "none": return validateNone(input);
    case "any": return ok(input === undefined ? null : input, EXACT);
    case "list": case "set": case "frozenset": return items(type, input, run);
    case "tuple": return tuple(type, input, run);
    case "dict": return dict(type, input, run);
    case "union": return union(type, input, run);
    case "literal": {
      const m = matchLiteral(input, type.values, "literal_error", () => remember(run.expected, type, () => expectedText(type.values)));
      if (!m.ok) return m.outcome;
      const value = type.values[m.index];
      return ok(value, sameScalarKind(value, input) ? EXACT : LAX);
    }
    case "enum": {
      const values = remember(run.lists, type.members, () => type.members.map((member) => member.value)) as readonly LiteralValue[];
      const m = matchLiteral(input, values, "enum", () => remember(run.expected, type, () => expectedText(values)));
      return m.ok ? ok((type.members[m.index] as { value: unknown }).value, LAX) : m.outcome;
    }
    case "model": return model(type, input, run);
    case "custom": return validateCustom(type, input, run.options.decodeArguments);
  }
}

/** Validates `input` against `type` the way pydantic's lax `validate_python` does; never throws. */
export function validateOutcome(type: TypeNode, input: unknown, options: ValidateOptions = {}): Outcome {
  return validateIn(type, input, newRun(options, true));
}

function newRun(options: ValidateOptions, collect: boolean): Run {
  return { options, collect, titles: new Map(), expected: new Map(), lists: new Map() };
}

/**
 * Pydantic-compatible lax validation (`TypeAdapter(t).validate_python(v)`): returns the value in tsdspy's
 * Python value model (ints as number/bigint, floats as number or `PyFloat`, models as plain objects in field
 * order, enums as their value, tuples and sets as arrays) or throws `ValidationError` with pydantic's message.
 *
 * @example
 * validateValue({ kind: "int" }, "1_000") // 1000
 */
export function validateValue(type: TypeNode, input: unknown, options: ValidateOptions = {}): unknown {
  const r = validateIn(type, input, newRun(options, false));
  if (r.ok) return r.value;
  const title = pydanticTitle(type);
  // Only the first failure was looked for: all the issues are listed on first read of `issues` or of the message
  // (which reads `issues`, so that util.inspect, reading the stack first, then shows them as a plain array).
  const listAll = () => (validateIn(type, input, newRun(options, true)) as { issues: ValidationIssue[] }).issues;
  const error: ValidationError = new ValidationError(title, listAll, () => validationMessage(title, error.issues));
  throw error;
}
