import { clip } from "../text-tokens.js";
import { fieldsOfModule, readFieldLines } from "./read-examples.js";

/** `a -> b` signatures and `Name(a, b) -> c` modules a program description mentions, in order. */
function signaturesIn(code: string): Array<{ module?: string; inputs: string[]; outputs: string[] }> {
  const found: Array<{ module?: string; inputs: string[]; outputs: string[] }> = [];
  const split = (text: string) => text.split(",").map((s) => s.trim().replace(/:.*$/, "")).filter((s) => /^\w+$/.test(s));
  for (const m of code.matchAll(/(?:(\w+)\(\s*)?([\w, :\[\]]+?)\s*->\s*([\w, :\[\]']+?)(?=[)"'`\n]|$)/g)) {
    const inputs = split(m[2] as string);
    const outputs = split(m[3] as string);
    if (inputs.length > 0 && outputs.length > 0) found.push({ ...(m[1] ? { module: m[1] } : {}), inputs, outputs });
  }
  return found;
}

const tick = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(", ");

/**
 * The program-description role (MIPROv2's `DescribeProgram`): what the program maps to what, in how many LM steps,
 * read from the code/structure and the example the prompt shows.
 */
export function describeProgram(code: string, example: string): string {
  const steps = signaturesIn(code);
  const shown = readFieldLines(example)[0];
  if (steps.length === 0 && !shown) return "The program calls a language model on its inputs; the code shown does not say more about the task.";
  const first = steps[0];
  const last = steps[steps.length - 1];
  const inputs = first?.inputs ?? Object.keys(shown?.inputs ?? {});
  const outputs = last?.outputs ?? Object.keys(shown?.outputs ?? {});
  const parts = [`The program takes ${tick(inputs)} and produces ${tick(outputs)}`];
  parts[0] += steps.length > 1 ? ` in ${steps.length} language-model steps (${steps.map((s) => `${tick(s.inputs)} → ${tick(s.outputs)}`).join("; ")}).` : " with a single language-model step.";
  if (shown) {
    const [inName, inValue] = Object.entries(shown.inputs)[0] ?? [];
    const [outName, outValue] = Object.entries(shown.outputs)[0] ?? [];
    if (inName && outName) parts.push(`For example, \`${inName}\` "${clip(inValue ?? "", 10)}" gives \`${outName}\` "${clip(outValue ?? "", 10)}".`);
  }
  return parts.join(" ");
}

/** The module-description role (MIPROv2's `DescribeModule`): the module's inputs and outputs, and its place in the program. */
export function describeModule(module: string, code: string): string {
  const own = fieldsOfModule(module);
  const steps = signaturesIn(code);
  if (!own) return `The module \`${module.trim()}\` is one language-model step of the program.`;
  const index = steps.findIndex((s) => s.outputs.join() === own.outputs.join());
  const place = steps.length > 1 && index >= 0 ? ` It is step ${index + 1} of ${steps.length}.` : "";
  return `The module produces ${tick(own.outputs)} from ${tick(own.inputs)}; its output ${index === steps.length - 1 || steps.length <= 1 ? "is the program's answer" : "feeds the next step"}.${place}`;
}
