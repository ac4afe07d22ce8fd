const REDACTED = "[redacted]";

/**
 * A credential (or a value holding credentials, such as headers) that serialization and inspection cannot reveal:
 * `JSON.stringify`, `util.inspect`, `console.log` and string conversion see `[redacted]`, `structuredClone` an empty
 * object; only `reveal()` returns the value. Copies of an object share the same `Secret`.
 *
 * @example
 * const key = new Secret(process.env.OPENAI_API_KEY ?? "");
 * headers.authorization = `Bearer ${key.reveal()}`;
 */
export class Secret<T = string> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
  }

  /** A secret for a non-empty string, or `undefined`. */
  static of(value: string | undefined | null): Secret<string> | undefined {
    return typeof value === "string" && value !== "" ? new Secret(value) : undefined;
  }

  reveal(): T {
    return this.#value;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return REDACTED;
  }
}
