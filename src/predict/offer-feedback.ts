import { fieldDescriptionString } from "../adapters/field-description.js";
import { PyFloat } from "../python/py-float.js";
import { dedent, pySplitlines } from "../python/py-str.js";
import type { Module } from "../primitives/module.js";
import { signature } from "../signatures/signature.js";
import type { Signature } from "../signatures/signature.js";

/** DSPy's `OfferFeedback` signature: the LM assigns blame per module and writes advice for the next attempt. */
export const OfferFeedback = signature({
  name: "OfferFeedback",
  instructions: `
    In the discussion, assign blame to each module that contributed to the final reward being below the threshold, if
    any. Then, prescribe concrete advice of how the module should act on its future input when we retry the process, if
    it were to receive the same or similar inputs. If a module is not to blame, the advice should be N/A.
    The module will not see its own history, so it needs to rely on entirely concrete and actionable advice from you
    to avoid the same mistake on the same or similar inputs.
    `,
  inputs: {
    program_code: { type: "str", desc: "The code of the program that we are analyzing" },
    modules_defn: { type: "str", desc: "The definition of each module in the program, including its I/O" },
    program_inputs: { type: "str", desc: "The inputs to the program that we are analyzing" },
    program_trajectory: { type: "str", desc: "The trajectory of the program's execution, showing each module's I/O" },
    program_outputs: { type: "str", desc: "The outputs of the program that we are analyzing" },
    reward_code: { type: "str", desc: "The code of the reward function that we are analyzing" },
    target_threshold: { type: "float", desc: "The target threshold for the reward function" },
    reward_value: { type: "float", desc: "The reward value assigned to the program's outputs" },
    module_names: { type: "list[str]", desc: "The names of the modules in the program, for which we seek advice" },
  },
  outputs: {
    discussion: { type: "str", desc: "Discussing blame of where each module went wrong, if it did" },
    advice: {
      type: "dict[str, str]",
      desc:
        "For each module, describe very concretely, in this order: the specific scenarios in which it has made " +
        "mistakes in the past and what each mistake was, followed by what it should do differently in that kind of" +
        "scenario in the future. If the module is not to blame, write N/A.",
    },
  },
});

/** DSPy's `inspect_modules`: each predictor's fields and instructions between separator lines. */
export function inspectModules(program: Module): string {
  const separator = "-".repeat(80);
  const output = [separator];
  const indented = (lines: string[]) => ["", ...lines].join("\n\t\t");
  for (const [name, predictor] of program.namedPredictors()) {
    const sig = (predictor as unknown as { signature: Signature }).signature;
    output.push(`Module ${name}`);
    output.push("\n\tInput Fields:");
    output.push(indented(pySplitlines(fieldDescriptionString(Object.values(sig.inputFields)))));
    output.push("\tOutput Fields:");
    output.push(indented(pySplitlines(fieldDescriptionString(Object.values(sig.outputFields)))));
    output.push(`\tOriginal Instructions: ${indented(pySplitlines(dedent(sig.instructions)))}`);
    output.push(separator);
  }
  return output.map((o) => o.replace(/^\n+|\n+$/g, "")).join("\n");
}

function isSerializable(value: unknown): boolean {
  if (value === null || value === undefined || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number" || typeof value === "bigint" || value instanceof PyFloat) return true;
  if (Array.isArray(value)) return value.every(isSerializable);
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(isSerializable);
  return false;
}

/** DSPy's `recursive_mask`: what orjson cannot serialize becomes `<non-serializable: TypeName>`. */
export function recursiveMask(value: unknown): unknown {
  if (isSerializable(value)) return value;
  if (Array.isArray(value)) return value.map(recursiveMask);
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, recursiveMask(v)]));
  }
  const name = typeof value === "object" && value !== null ? value.constructor?.name ?? "object" : typeof value;
  return `<non-serializable: ${name}>`;
}
