import type { Module } from "../../primitives/module.js";
import { isModule } from "../../primitives/module.js";
import { isParameter } from "../../primitives/parameter.js";
import type { Field } from "../../signatures/field.js";
import { typeName } from "../../signatures/type-name.js";
import type { Signature } from "../../signatures/signature.js";

interface SignatureHolder {
  signature: Signature;
}

/** A class name as DSPy users know it (`Predict`, not the implementation class behind it). */
export function moduleClassName(value: object): string {
  return value.constructor.name.replace(/Impl$/, "");
}

function fieldLine(field: Field): string {
  return `    ${field.name}: ${typeName(field.type)} = ${field.io === "input" ? "InputField" : "OutputField"}(desc=${JSON.stringify(field.desc)})`;
}

function signatureBlock(signature: Signature): string {
  const fields = [...Object.values(signature.inputFields), ...Object.values(signature.outputFields)];
  return [`${signature.toString()}`, `    instructions=${JSON.stringify(signature.instructions)}`, ...fields.map(fieldLine)].join("\n");
}

/** `a, b -> c`: a signature's field names. */
function arrow(signature: Signature): string {
  return `${Object.keys(signature.inputFields).join(", ")} -> ${Object.keys(signature.outputFields).join(", ")}`;
}

/** The attributes of a module that hold modules or predictors, as `[name, value]`, nested lists and records flattened. */
function childrenOf(module: object): Array<[string, object]> {
  const out: Array<[string, object]> = [];
  const visit = (name: string, value: unknown) => {
    if (isParameter(value) || isModule(value)) out.push([name, value as object]);
    else if (Array.isArray(value)) value.forEach((item, i) => visit(`${name}[${i}]`, item));
  };
  for (const [name, value] of Object.entries(module)) visit(name, value);
  return out;
}

/**
 * What MIPROv2's program-aware proposer shows as `program_code`. DSPy shows the program's Python source; a
 * TypeScript program has none to show, so this describes it from its structure: every predictor's signature, the
 * modules each attribute holds, and the data flow read from the signatures' field names (an input named like an
 * earlier predictor's output is taken to come from it). See docs/compat.md.
 */
export function describeProgramCode(program: Module): string {
  const predictors = program.namedPredictors() as Array<[string, unknown]>;
  const signatures: Signature[] = [];
  for (const [, predictor] of predictors) {
    const signature = (predictor as Partial<SignatureHolder>).signature;
    if (signature && !signatures.some((s) => s.equals(signature))) signatures.push(signature);
  }
  const header = signatures.map(signatureBlock).join("\n\n");
  if (isParameter(program)) return `${header}\n\n${moduleClassName(program)}(${arrow((program as unknown as SignatureHolder).signature)})`;

  const lines = [`class ${moduleClassName(program)} extends Module {`];
  const describe = (owner: object, indent: string) => {
    for (const [name, child] of childrenOf(owner)) {
      const signature = (isParameter(child) ? (child as unknown as SignatureHolder).signature : undefined) ?? innerSignature(child);
      lines.push(`${indent}${name} = new ${moduleClassName(child)}(${signature ? JSON.stringify(arrow(signature)) : ""});`);
      if (!signature && isModule(child)) {
        lines.push(`${indent}// ${name} holds:`);
        describe(child, `${indent}//   `);
      }
    }
  };
  describe(program, "  ");
  const produced = new Map<string, string>();
  const programInputs: string[] = [];
  const flow: string[] = [];
  for (const [name, predictor] of predictors) {
    const signature = (predictor as Partial<SignatureHolder>).signature;
    if (!signature) continue;
    const inputs = Object.keys(signature.inputFields).map((field) => {
      const source = produced.get(field);
      if (source) return `${field} <- ${source}`;
      if (!programInputs.includes(field)) programInputs.push(field);
      return field;
    });
    const owner = name.replace(/\.predict$/, "");
    flow.push(`  //   ${owner}(${inputs.join(", ")}) -> ${Object.keys(signature.outputFields).join(", ")}`);
    for (const field of Object.keys(signature.outputFields)) produced.set(field, owner);
  }
  lines.push("", "  // forward(inputs): the data flow, read from the signatures' field names:");
  lines.push(`  //   program inputs: ${programInputs.join(", ") || "(none)"}`, ...flow);
  lines.push("}");
  return `${header}\n\n${lines.join("\n")}`;
}

/** The signature of a module that wraps one predictor (ChainOfThought's `predict`). */
function innerSignature(module: object): Signature | undefined {
  const children = childrenOf(module);
  if (children.length !== 1) return undefined;
  const [, only] = children[0] as [string, object];
  return isParameter(only) ? (only as unknown as SignatureHolder).signature : undefined;
}
