import { signature, type Signature } from "../../signatures/signature.js";

const PROPOSED = {
  proposed_instruction: { desc: "The improved instructions for the language model" },
  proposed_prefix_for_output_field: { desc: "The string at the end of the prompt, which will help the model start solving the task" },
};

/** DSPy's `BasicGenerateInstruction` (COPRO's first proposals). */
export const BasicGenerateInstruction: Signature = signature({
  name: "BasicGenerateInstruction",
  instructions:
    "You are an instruction optimizer for large language models. I will give you a ``signature`` of fields (inputs and outputs) in English. Your task is to propose an instruction that will lead a good language model to perform the task well. Don't be afraid to be creative.",
  inputs: { basic_instruction: { desc: "The initial instructions before optimization" } },
  outputs: PROPOSED,
});

/** DSPy's `GenerateInstructionGivenAttempts` (COPRO's later proposals, from scored attempts). */
export const GenerateInstructionGivenAttempts: Signature = signature({
  name: "GenerateInstructionGivenAttempts",
  instructions:
    "You are an instruction optimizer for large language models. I will give some task instructions I've tried, along with their corresponding validation scores. The instructions are arranged in increasing order based on their scores, where higher scores indicate better quality.\n\n" +
    "Your task is to propose a new instruction that will lead a good language model to perform the task even better. Don't be afraid to be creative.",
  inputs: { attempted_instructions: {} },
  outputs: PROPOSED,
});
