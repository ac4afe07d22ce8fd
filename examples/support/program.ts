// The article's support program: GenerateResolution through ChainOfThought, policy context given.
import { ChainOfThought, Module, signature } from "tsdspy";

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

export type SupportInputs = { ticket_text: string; policy_context: string };

// `call` takes forward's inputs and returns what forward returns: Prediction<{ reasoning: string; resolution: string }>.
export class SupportPipeline extends Module {
  generate_resolution = new ChainOfThought(GenerateResolution);

  forward(inputs: SupportInputs) {
    return this.generate_resolution.call({ policy_context: inputs.policy_context, ticket_text: inputs.ticket_text });
  }
}
