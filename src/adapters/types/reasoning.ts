import { ValueError } from "../../errors/value-error.js";
import { pyStr } from "../../python/pyfmt.js";
import { CustomType } from "./custom-type.js";

/**
 * Reasoning as a value (DSPy's `dspy.Reasoning`): string-like text that a `Reasoning`-typed output field holds. With a
 * model that reasons natively the field is filled from the model's reasoning instead of the prompt. tsdspy parses
 * such fields to plain strings; a `Reasoning` passed as an input renders as its text.
 *
 * @example
 * const cot = new ChainOfThought("question -> answer", { rationaleFieldType: "Reasoning" });
 * String(new Reasoning("Because 2 + 2 = 4.")); // "Because 2 + 2 = 4."
 */
export class Reasoning extends CustomType {
  readonly typeName = "Reasoning";

  constructor(readonly content: string) {
    super();
  }

  /** DSPy's "before" validator: a string, a `Reasoning`, or `{ content }`. */
  static from(value: unknown): Reasoning {
    if (value instanceof Reasoning) return value;
    if (typeof value === "string") return new Reasoning(value);
    if (typeof value === "object" && value !== null && typeof (value as { content?: unknown }).content === "string") {
      return new Reasoning((value as { content: string }).content);
    }
    throw new ValueError(`Received invalid value for \`dspy.Reasoning\`: ${pyStr(value)}`);
  }

  format(): string {
    return this.content;
  }

  override toString(): string {
    return this.content;
  }

  /** Equal to another `Reasoning` or a string with the same text, as in DSPy. */
  equals(other: unknown): boolean {
    return (other instanceof Reasoning ? other.content : other) === this.content;
  }
}
