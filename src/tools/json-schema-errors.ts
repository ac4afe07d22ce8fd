import { PyFloat } from "../python/py-float.js";
import { pyRepr } from "../python/pyfmt.js";

type Schema = Record<string, unknown>;
type PathItem = string | number;

/** One failed keyword, as Python's `jsonschema` reports it. */
export interface JsonSchemaError {
  message: string;
  /** Where in the instance (property names and array indexes), relative to the validated value. */
  path: PathItem[];
  /** The keyword that failed (`type`, `required`, `anyOf`, …). */
  keyword: string;
  /** The sub-errors of `anyOf` / `oneOf`. */
  context: JsonSchemaError[];
  /** Whether the instance matches the `type` of the schema that failed (jsonschema's `_matches_type`). */
  matchesType: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof PyFloat);
const numberOf = (v: unknown): number | null =>
  typeof v === "number" ? v : v instanceof PyFloat ? v.value : typeof v === "bigint" ? Number(v) : null;

/** jsonschema's draft 2020-12 type checker (a float with an integral value is an `integer`). */
export function isJsonType(value: unknown, type: string): boolean {
  switch (type) {
    case "string": return typeof value === "string";
    case "boolean": return typeof value === "boolean";
    case "null": return value === null || value === undefined;
    case "array": return Array.isArray(value);
    case "object": return isObject(value);
    case "number": return numberOf(value) !== null;
    case "integer": {
      const n = numberOf(value);
      return typeof value === "bigint" || (n !== null && Number.isInteger(n));
    }
    default: return false;
  }
}

/** Python equality as jsonschema applies it: `1 == 1.0`, but booleans never equal numbers. */
function pyEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "boolean" || typeof b === "boolean") return a === b;
  const na = numberOf(a);
  const nb = numberOf(b);
  if (na !== null || nb !== null) return na !== null && nb !== null && na === nb;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => pyEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && pyEqual(a[k], b[k]));
  }
  return (a ?? null) === (b ?? null);
}

/** Python's `len()` of a string counts code points. */
const pyLen = (text: string) => [...text].length;

function matchesType(schema: Schema, instance: unknown): boolean {
  const expected = schema.type;
  if (typeof expected === "string") return isJsonType(instance, expected);
  if (Array.isArray(expected)) return expected.some((t) => isJsonType(instance, String(t)));
  return false;
}

class Walker {
  constructor(private readonly root: Schema) {}

  private resolve(ref: string): Schema {
    const parts = ref.replace(/^#\/?/, "").split("/").filter(Boolean).map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
    let node: unknown = this.root;
    for (const part of parts) node = isObject(node) ? node[part] : undefined;
    return isObject(node) ? node : {};
  }

  errors(schema: unknown, instance: unknown): JsonSchemaError[] {
    if (schema === true || schema === undefined) return [];
    if (schema === false) return [this.make("False schema does not allow " + pyRepr(instance), "false", {}, instance)];
    if (!isObject(schema)) return [];
    const out: JsonSchemaError[] = [];
    // One by one: an array argument with 200,000 failing items would overflow the call stack as spread arguments.
    for (const [keyword, value] of Object.entries(schema)) for (const error of this.keyword(keyword, value, schema, instance)) out.push(error);
    return out;
  }

  private make(message: string, keyword: string, schema: Schema, instance: unknown, path: PathItem[] = [], context: JsonSchemaError[] = []): JsonSchemaError {
    return { message, path, keyword, context, matchesType: matchesType(schema, instance) };
  }

  private descend(schema: unknown, instance: unknown, at?: PathItem): JsonSchemaError[] {
    const errors = this.errors(schema, instance);
    if (at === undefined) return errors;
    return errors.map((e) => ({ ...e, path: [at, ...e.path] }));
  }

  private keyword(keyword: string, value: unknown, schema: Schema, instance: unknown): JsonSchemaError[] {
    const fail = (message: string, context: JsonSchemaError[] = []) => [this.make(message, keyword, schema, instance, [], context)];
    const n = numberOf(instance);
    const isNum = n !== null && typeof instance !== "boolean";
    switch (keyword) {
      case "$ref":
        return typeof value === "string" ? this.errors(this.resolve(value), instance) : [];
      case "type": {
        const types = Array.isArray(value) ? value.map(String) : [String(value)];
        if (types.some((t) => isJsonType(instance, t))) return [];
        return fail(`${pyRepr(instance)} is not of type ${types.map((t) => pyRepr(t)).join(", ")}`);
      }
      case "enum":
        if (Array.isArray(value) && !value.some((v) => pyEqual(v, instance))) return fail(`${pyRepr(instance)} is not one of ${pyRepr(value)}`);
        return [];
      case "const":
        return pyEqual(value, instance) ? [] : fail(`${pyRepr(value)} was expected`);
      case "properties": {
        if (!isObject(instance) || !isObject(value)) return [];
        return Object.entries(value).flatMap(([name, sub]) => (name in instance ? this.descend(sub, instance[name], name) : []));
      }
      case "required":
        if (!isObject(instance) || !Array.isArray(value)) return [];
        return value.filter((name) => !(String(name) in instance)).flatMap((name) => fail(`${pyRepr(name)} is a required property`));
      case "additionalProperties": {
        if (!isObject(instance)) return [];
        const known = isObject(schema.properties) ? Object.keys(schema.properties) : [];
        const patterns = isObject(schema.patternProperties) ? Object.keys(schema.patternProperties).map((p) => new RegExp(p, "u")) : [];
        const extras = Object.keys(instance).filter((k) => !known.includes(k) && !patterns.some((re) => re.test(k)));
        if (isObject(value)) return extras.flatMap((k) => this.descend(value, instance[k], k));
        if (value === false && extras.length) {
          const sorted = [...extras].sort();
          const verb = sorted.length === 1 ? "was" : "were";
          return fail(`Additional properties are not allowed (${sorted.map((k) => pyRepr(k)).join(", ")} ${verb} unexpected)`);
        }
        return [];
      }
      case "items":
        if (!Array.isArray(instance)) return [];
        if (value === false) {
          const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems.length : 0;
          if (instance.length > prefix) {
            const rest = instance.slice(prefix);
            return fail(`Expected at most ${prefix} item${prefix === 1 ? "" : "s"} but found ${rest.length} extra: ${pyRepr(rest.length === 1 ? rest[0] : rest)}`);
          }
          return [];
        }
        return instance.flatMap((item, i) =>
          Array.isArray(schema.prefixItems) && i < schema.prefixItems.length ? [] : this.descend(value, item, i),
        );
      case "prefixItems":
        if (!Array.isArray(instance) || !Array.isArray(value)) return [];
        return value.slice(0, instance.length).flatMap((sub, i) => this.descend(sub, instance[i], i));
      case "minItems":
        if (Array.isArray(instance) && instance.length < Number(value)) return fail(`${pyRepr(instance)} ${value === 1 ? "should be non-empty" : "is too short"}`);
        return [];
      case "maxItems":
        if (Array.isArray(instance) && instance.length > Number(value)) return fail(`${pyRepr(instance)} ${value === 0 ? "is expected to be empty" : "is too long"}`);
        return [];
      case "uniqueItems":
        if (value === true && Array.isArray(instance) && instance.some((x, i) => instance.slice(i + 1).some((y) => pyEqual(x, y)))) {
          return fail(`${pyRepr(instance)} has non-unique elements`);
        }
        return [];
      case "minLength":
        if (typeof instance === "string" && pyLen(instance) < Number(value)) return fail(`${pyRepr(instance)} ${value === 1 ? "should be non-empty" : "is too short"}`);
        return [];
      case "maxLength":
        if (typeof instance === "string" && pyLen(instance) > Number(value)) return fail(`${pyRepr(instance)} ${value === 0 ? "is expected to be empty" : "is too long"}`);
        return [];
      case "pattern":
        if (typeof instance === "string" && typeof value === "string" && !new RegExp(value, "u").test(instance)) {
          return fail(`${pyRepr(instance)} does not match ${pyRepr(value)}`);
        }
        return [];
      case "minimum":
        return isNum && n < Number(value) ? fail(`${pyRepr(instance)} is less than the minimum of ${pyRepr(value)}`) : [];
      case "maximum":
        return isNum && n > Number(value) ? fail(`${pyRepr(instance)} is greater than the maximum of ${pyRepr(value)}`) : [];
      case "exclusiveMinimum":
        return isNum && n <= Number(value) ? fail(`${pyRepr(instance)} is less than or equal to the minimum of ${pyRepr(value)}`) : [];
      case "exclusiveMaximum":
        return isNum && n >= Number(value) ? fail(`${pyRepr(instance)} is greater than or equal to the maximum of ${pyRepr(value)}`) : [];
      case "multipleOf": {
        if (!isNum) return [];
        const q = n / Number(value);
        return Number.isInteger(q) ? [] : fail(`${pyRepr(instance)} is not a multiple of ${pyRepr(value)}`);
      }
      case "minProperties":
        if (isObject(instance) && Object.keys(instance).length < Number(value)) {
          return fail(`${pyRepr(instance)} ${value === 1 ? "should be non-empty" : "does not have enough properties"}`);
        }
        return [];
      case "maxProperties":
        if (isObject(instance) && Object.keys(instance).length > Number(value)) {
          return fail(`${pyRepr(instance)} ${value === 0 ? "is expected to be empty" : "has too many properties"}`);
        }
        return [];
      case "allOf":
        return Array.isArray(value) ? value.flatMap((sub) => this.errors(sub, instance)) : [];
      case "anyOf": {
        if (!Array.isArray(value)) return [];
        const all: JsonSchemaError[] = [];
        for (const sub of value) {
          const errors = this.errors(sub, instance);
          if (errors.length === 0) return [];
          for (const error of errors) all.push(error);
        }
        return fail(`${pyRepr(instance)} is not valid under any of the given schemas`, all);
      }
      case "oneOf": {
        if (!Array.isArray(value)) return [];
        const all: JsonSchemaError[] = [];
        const valid: unknown[] = [];
        for (const sub of value) {
          const errors = this.errors(sub, instance);
          if (errors.length === 0) valid.push(sub);
          else for (const error of errors) all.push(error);
        }
        if (valid.length === 0) return fail(`${pyRepr(instance)} is not valid under any of the given schemas`, all);
        if (valid.length > 1) return fail(`${pyRepr(instance)} is valid under each of ${valid.map((s) => pyRepr(s)).join(", ")}`);
        return [];
      }
      case "not":
        return this.errors(value, instance).length === 0 ? fail(`${pyRepr(instance)} should not be valid under ${pyRepr(value)}`) : [];
      default:
        return [];
    }
  }
}

type Key = [number, PathItem[], boolean, boolean];
const WEAK = new Set(["anyOf", "oneOf"]);
const keyOf = (e: JsonSchemaError): Key => [-e.path.length, e.path, !WEAK.has(e.keyword), !e.matchesType];

function comparePaths(a: PathItem[], b: PathItem[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function compareKeys(a: Key, b: Key): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  const paths = comparePaths(a[1], b[1]);
  if (paths !== 0) return paths;
  if (a[2] !== b[2]) return a[2] ? 1 : -1;
  if (a[3] !== b[3]) return a[3] ? 1 : -1;
  return 0;
}

/** jsonschema's `best_match`: the most relevant error, descending into `anyOf`/`oneOf` while one sub-error stands out. */
function bestMatch(errors: JsonSchemaError[]): JsonSchemaError | null {
  let best: JsonSchemaError | null = null;
  for (const error of errors) if (best === null || compareKeys(keyOf(error), keyOf(best)) > 0) best = error;
  while (best && best.context.length) {
    const sorted = [...best.context].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
    if (sorted.length >= 2 && compareKeys(keyOf(sorted[0]!), keyOf(sorted[1]!)) === 0) return best;
    best = sorted[0]!;
  }
  return best;
}

/**
 * Validates a value against a JSON schema as Python's `jsonschema.validate` does (draft 2020-12, local `$ref`s) and
 * returns the message of the error it would raise, or `null` when the value is valid.
 *
 * @example
 * jsonSchemaError("abc", { type: "integer" }) // "'abc' is not of type 'integer'"
 */
export function jsonSchemaError(instance: unknown, schema: Schema): string | null {
  return bestMatch(new Walker(schema).errors(schema, instance))?.message ?? null;
}
