import { inspect } from "node:util";
import { ValueError } from "../errors/value-error.js";
import type { LMUsage } from "../lm/lm-usage.js";
import { pyRepr } from "../python/pyfmt.js";
import { ExampleImpl, STORE } from "./example.js";

const COMPLETIONS = Symbol("tsdspy.prediction.completions");
const LM_USAGE = Symbol("tsdspy.prediction.lmUsage");

type Store = Record<string, unknown>;

/** All completions of a call (`n > 1`), by field (`completions.get("answer")`) or by index (`completions.at(1)`). */
export class Completions {
  readonly #byField: Record<string, unknown[]>;

  constructor(completions: Store[] | Record<string, unknown[]>) {
    const byField: Record<string, unknown[]> = {};
    if (Array.isArray(completions)) {
      for (const completion of completions) {
        for (const [key, value] of Object.entries(completion)) (byField[key] ??= []).push(value);
      }
    } else {
      Object.assign(byField, completions);
    }
    const lengths = new Set(Object.values(byField).map((v) => v.length));
    if (lengths.size > 1) throw new ValueError("All lists must have the same length");
    this.#byField = byField;
  }

  /** Number of completions. */
  get length(): number {
    const first = Object.values(this.#byField)[0];
    return first ? first.length : 0;
  }

  /** The values of one field across completions. */
  get(field: string): unknown[] | undefined {
    return this.#byField[field];
  }

  has(field: string): boolean {
    return Object.hasOwn(this.#byField, field);
  }

  /** The i-th completion as a Prediction. */
  at(index: number): Prediction {
    if (index < 0 || index >= this.length) throw new RangeError("Index out of range");
    return new Prediction(Object.fromEntries(Object.entries(this.#byField).map(([k, v]) => [k, v[index]])));
  }

  items(): Array<[string, unknown[]]> {
    return Object.entries(this.#byField);
  }

  *[Symbol.iterator](): Iterator<Prediction> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  toPyRepr(): string {
    return `Completions(\n    ${this.items().map(([k, v]) => `${k}=${pyRepr(v)}`).join(",\n    ")}\n)`;
  }
}

/**
 * The output of a module (DSPy's `dspy.Prediction`): an Example without input keys, plus all completions and the
 * LM usage of the call. A `score` field makes it usable as a number (`+`, `<`, `Number(pred)`).
 */
class PredictionImpl extends ExampleImpl {
  declare [COMPLETIONS]: Completions | null;
  declare [LM_USAGE]: Record<string, LMUsage> | null;

  constructor(base?: Store | ExampleImpl | null, overrides?: Store) {
    super(base, overrides);
    // `super` returned the proxy; the slots live on its target.
    Object.defineProperty(this, COMPLETIONS, { value: null, writable: true, configurable: true });
    Object.defineProperty(this, LM_USAGE, { value: null, writable: true, configurable: true });
  }

  /** A prediction whose fields are the first completion's, keeping all of them in `completions`. */
  static fromCompletions(completions: Store[] | Record<string, unknown[]>): Prediction {
    const prediction = new Prediction();
    const all = new Completions(completions);
    prediction[COMPLETIONS] = all;
    for (const [key, values] of all.items()) prediction[STORE][key] = values[0];
    return prediction;
  }

  get completions(): Completions | null {
    return this[COMPLETIONS];
  }

  /** Usage per model of the LM calls behind this prediction (with `trackUsage`). */
  getLmUsage(): Record<string, LMUsage> | null {
    return this[LM_USAGE];
  }

  setLmUsage(usage: Record<string, LMUsage> | null): void {
    this[LM_USAGE] = usage;
  }

  /** The `score` field as a number; throws when there is none. */
  override valueOf(): number {
    if (!Object.hasOwn(this[STORE], "score")) {
      throw new ValueError("Prediction object does not have a 'score' field to convert to float.");
    }
    return Number(this[STORE].score);
  }

  override toPyRepr(): string {
    const body = Object.entries(this[STORE]).map(([k, v]) => `${k}=${pyRepr(v)}`).join(",\n    ");
    const n = this[COMPLETIONS]?.length ?? 1;
    if (n <= 1) return `Prediction(\n    ${body}\n)`;
    return `Prediction(\n    ${body},\n    completions=Completions(...)\n) (${n - 1} completions omitted)`;
  }

  override [inspect.custom](): string {
    return this.toPyRepr();
  }
}

/** A prediction whose fields `T` are readable as properties. */
export type Prediction<T extends object = Record<string, any>> = PredictionImpl & T;

export interface PredictionConstructor {
  new <T extends object = Record<string, any>>(base?: T | null, overrides?: Partial<T>): Prediction<T>;
  fromCompletions<T extends object = Record<string, any>>(completions: T[] | { [K in keyof T]: T[K][] }): Prediction<T>;
  readonly prototype: PredictionImpl;
}

export const Prediction = PredictionImpl as unknown as PredictionConstructor;
export { PredictionImpl };
