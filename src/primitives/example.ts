import { inspect } from "node:util";
import { ValueError } from "../errors/value-error.js";
import { pyRepr } from "../python/pyfmt.js";
import { setOwnProperty } from "../python/set-own-property.js";

/** Internal slots, kept off the record's keys. */
export const STORE = Symbol("tsdspy.example.store");
export const INPUT_KEYS = Symbol("tsdspy.example.inputKeys");

type Store = Record<string, unknown>;

function isRecord(value: unknown): value is Store {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads go to methods first, then to the record (as Python resolves attributes before `__getattr__`), so a field
 * named like a method (`labels`) is reached with `example.get("labels")`.
 */
const handler: ProxyHandler<ExampleImpl> = {
  get(target, prop, receiver) {
    if (typeof prop === "symbol" || prop in target) return Reflect.get(target, prop, receiver);
    if (prop === "then") return undefined; // never look like a promise
    return target[STORE][prop];
  },
  set(target, prop, value) {
    if (typeof prop === "symbol") return Reflect.set(target, prop, value);
    setOwnProperty(target[STORE], prop, value);
    return true;
  },
  has(target, prop) {
    return typeof prop === "symbol" ? Reflect.has(target, prop) : Object.hasOwn(target[STORE], prop);
  },
  deleteProperty(target, prop) {
    if (typeof prop === "symbol") return Reflect.deleteProperty(target, prop);
    delete target[STORE][prop];
    return true;
  },
  ownKeys(target) {
    return Object.keys(target[STORE]);
  },
  getOwnPropertyDescriptor(target, prop) {
    if (typeof prop === "string" && Object.hasOwn(target[STORE], prop)) {
      return { value: target[STORE][prop], writable: true, enumerable: true, configurable: true };
    }
    return undefined;
  },
};

class ExampleImpl {
  declare [STORE]: Store;
  declare [INPUT_KEYS]: ReadonlySet<string> | null;

  constructor(base?: Store | ExampleImpl | null, overrides?: Store) {
    const store: Store = base instanceof ExampleImpl ? { ...base[STORE] } : isRecord(base) ? { ...base } : {};
    if (overrides) for (const key of Object.keys(overrides)) setOwnProperty(store, key, overrides[key]);
    Object.defineProperty(this, STORE, { value: store, writable: true, configurable: true });
    Object.defineProperty(this, INPUT_KEYS, { value: null, writable: true, configurable: true });
    return new Proxy(this, handler);
  }

  /** A copy whose given keys are the inputs; the other keys are labels. */
  withInputs(...keys: string[]): this {
    const copied = this.copy();
    copied[INPUT_KEYS] = new Set(keys);
    return copied;
  }

  /** The names set by `withInputs`, or `null`. */
  inputKeys(): string[] | null {
    return this[INPUT_KEYS] ? [...this[INPUT_KEYS]] : null;
  }

  /** Only the input fields (throws when `withInputs` was never called). */
  inputs(): this {
    const keys = this[INPUT_KEYS];
    if (!keys) throw new ValueError('Inputs have not been set for this example. Mark its input fields with `example.withInputs("question", ...)`.');
    const store = this[STORE];
    const picked: Store = {};
    for (const key of Object.keys(store)) if (keys.has(key)) setOwnProperty(picked, key, store[key]);
    const instance = this.make(picked);
    instance[INPUT_KEYS] = keys;
    return instance;
  }

  /** Only the label (non-input) fields. */
  labels(): this {
    const inputKeys = new Set(this.inputs().keys());
    const store = this[STORE];
    const picked: Store = {};
    for (const key of Object.keys(store)) if (!inputKeys.has(key)) setOwnProperty(picked, key, store[key]);
    return this.make(picked);
  }

  /** A shallow copy, with some fields overridden. Input keys are not carried over (as in DSPy). */
  copy(overrides?: Store): this {
    return this.make({ ...this[STORE], ...overrides });
  }

  /** A copy without the given fields. */
  without(...keys: string[]): this {
    const copied = this.copy();
    for (const key of keys) delete copied[STORE][key];
    return copied;
  }

  /** Field names; `dspy_*` keys are hidden unless asked for. */
  keys(includeDspy = false): string[] {
    return Object.keys(this[STORE]).filter((k) => includeDspy || !k.startsWith("dspy_"));
  }

  values(includeDspy = false): unknown[] {
    return this.keys(includeDspy).map((k) => this[STORE][k]);
  }

  items(includeDspy = false): Array<[string, unknown]> {
    return this.keys(includeDspy).map((k) => [k, this[STORE][k]]);
  }

  /** The value of a field, or `fallback` when absent (also reaches fields named like methods). */
  get(key: string, fallback?: unknown): unknown {
    return Object.hasOwn(this[STORE], key) ? this[STORE][key] : fallback;
  }

  /** Number of fields, `dspy_*` keys excluded (Python's `len(example)`). */
  get length(): number {
    return this.keys().length;
  }

  /** DSPy's equality: same fields and values (input keys ignored). */
  equals(other: unknown): boolean {
    return other instanceof ExampleImpl && deepEqual(this[STORE], other[STORE]);
  }

  /** A plain object, converting nested examples and `toDict`-capable values recursively. */
  toDict(): Store {
    const convert = (value: unknown): unknown => {
      if (value instanceof ExampleImpl) return value.toDict();
      if (Array.isArray(value)) return value.map(convert);
      if (isRecord(value) && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]));
      }
      return value;
    };
    return convert({ ...this[STORE] }) as Store;
  }

  toJSON(): Store {
    return this.toDict();
  }

  /** `Example({'question': 'Why?'}) (input_keys={'question'})`, as Python prints it (set order: insertion). */
  toPyRepr(): string {
    const visible = Object.fromEntries(this.items());
    const keys = this[INPUT_KEYS];
    const inputKeys = keys === null ? "None" : keys.size === 0 ? "set()" : `{${[...keys].map((k) => pyRepr(k)).join(", ")}}`;
    return `Example(${pyRepr(visible)}) (input_keys=${inputKeys})`;
  }

  toString(): string {
    return this.toPyRepr();
  }

  [inspect.custom](): string {
    return this.toPyRepr();
  }

  /** A new instance of the same class holding `store`. */
  protected make(store: Store): this {
    return new (this.constructor as new (base: Store) => this)(store);
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" || typeof b === "number") return Number(a) === Number(b) && a != null && b != null;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (a instanceof ExampleImpl || b instanceof ExampleImpl) {
    return a instanceof ExampleImpl && b instanceof ExampleImpl && deepEqual(a[STORE], b[STORE]);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Store)[k], (b as Store)[k]));
}

/** An example of the record `T`: its fields are readable as properties. */
export type Example<T extends object = Record<string, any>> = ExampleImpl & T;

export interface ExampleConstructor {
  /**
   * A record of named fields (DSPy's `dspy.Example`): one row of a train/dev/test set.
   *
   * @example
   * const ex = new Example({ question: "What is 2+2?", answer: "4" }).withInputs("question");
   * ex.question            // "What is 2+2?"
   * ex.inputs().toDict()   // { question: "What is 2+2?" }
   */
  new <T extends object = Record<string, any>>(base?: T | Example<T> | null, overrides?: Partial<T>): Example<T>;
  readonly prototype: ExampleImpl;
}

export const Example = ExampleImpl as unknown as ExampleConstructor;
export { ExampleImpl };
