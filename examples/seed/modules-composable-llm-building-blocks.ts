// Port of `modules-composable-llm-building-blocks.py`: a module composing ChainOfThought.
import { ChainOfThought, Module, Predict, signature, type Prediction } from "tsdspy";
import { runIfMain, type Print } from "./run-example.js";

const GenerateResolution = signature({
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

class SupportPipeline extends Module {
  generate_resolution = new ChainOfThought(GenerateResolution);

  forward(inputs: { ticket_text: string; policy_context: string }): Promise<Prediction> {
    return this.generate_resolution.call({ policy_context: inputs.policy_context, ticket_text: inputs.ticket_text });
  }
}

export function main(print: Print): void {
  const pipeline = new SupportPipeline();
  const predictors = new Map(pipeline.namedPredictors());
  const sig = (predictors.get("generate_resolution.predict") as Predict).signature;

  print(`predictors: ${[...predictors.keys()].join(", ")}`);
  print(`module inputs: ${Object.keys(sig.inputFields).join(", ")}`);
  print(`module outputs: ${Object.keys(sig.outputFields).join(", ")}`);
}

runIfMain(import.meta, main);
