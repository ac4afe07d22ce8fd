// Port of `signatures-declarative-input-output-specs.py`: inline and typed signatures.
import { Predict, signature } from "tsdspy";
import { runIfMain, type Print } from "./run-example.js";

// Simple signatures (inline)
const classify = new Predict("ticket_text -> urgency: str");
export const qa = new Predict("policy_context, ticket_text -> resolution: str");

// Typed signatures (recommended for production)
export const GenerateResolution = signature({
  name: "GenerateResolution",
  instructions: "Generate a support resolution using retrieved policy documents.",
  inputs: {
    policy_context: { type: "str", desc: "Retrieved policy passages" },
    ticket_text: { type: "str", desc: "The customer's message" },
  },
  outputs: {
    resolution: { type: "str", desc: "Concise resolution with policy citation" },
  },
});

export function main(print: Print): void {
  print(`inline inputs: ${Object.keys(classify.signature.inputFields).join(", ")}`);
  print(`inline outputs: ${Object.keys(classify.signature.outputFields).join(", ")}`);
  print(`typed inputs: ${Object.keys(GenerateResolution.inputFields).join(", ")}`);
  print(`typed outputs: ${Object.keys(GenerateResolution.outputFields).join(", ")}`);
}

runIfMain(import.meta, main);
