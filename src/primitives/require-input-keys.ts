import { ValueError } from "../errors/value-error.js";
import { ExampleImpl, type Example } from "./example.js";

/**
 * Checks up front that every example is an `Example` whose input fields were marked with `withInputs` (a program is
 * called with `example.inputs()`); otherwise throws a `ValueError` naming the first bad one and how to fix it.
 * `where` names the call (`"BootstrapFewShot.compile()"`), `option` the argument (`"trainset"`).
 */
export function requireInputKeys(examples: readonly Example[], where: string, option: string): void {
  const index = examples.findIndex((example) => !(example instanceof ExampleImpl) || example.inputKeys() === null);
  if (index === -1) return;
  const example = examples[index] as unknown;
  if (!(example instanceof ExampleImpl)) {
    throw new ValueError(
      `${where}: ${option}[${index}] is not an Example (got ${example === null ? "null" : typeof example}). ` +
        `Build examples with \`new Example({ ... }).withInputs("question")\`.`,
    );
  }
  const keys = example.keys();
  throw new ValueError(
    `${where}: ${option}[${index}] has no input fields marked (its fields: ${keys.join(", ") || "none"}), so the ` +
      `program cannot be called with it. Mark the input fields with withInputs, e.g. ` +
      `\`${option}.map((example) => example.withInputs(${JSON.stringify(keys[0] ?? "question")}))\`.`,
  );
}
