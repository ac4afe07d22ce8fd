import { signature, type Signature } from "../../signatures/signature.js";

/** DSPy's `DescribeProgram`. */
export const DescribeProgram: Signature = signature({
  name: "DescribeProgram",
  instructions:
    "Below is some pseudo-code for a pipeline that solves tasks with calls to language models. Please describe what type of task this program appears to be designed to solve, and how it appears to work.",
  inputs: {
    program_code: { desc: "Pseudocode for a language model program designed to solve a particular task." },
    program_example: { desc: "An example of the program in use." },
  },
  outputs: {
    program_description: { desc: "Describe what task the program is designed to solve, and how it goes about solving this task." },
  },
});

/** DSPy's `DescribeModule`. */
export const DescribeModule: Signature = signature({
  name: "DescribeModule",
  instructions:
    "Below is some pseudo-code for a pipeline that solves tasks with calls to language models. Please describe the purpose of one of the specified module in this pipeline.",
  inputs: {
    program_code: { desc: "Pseudocode for a language model program designed to solve a particular task." },
    program_example: { desc: "An example of the program in use." },
    program_description: { desc: "Summary of the task the program is designed to solve, and how it goes about solving it." },
    module: { desc: "The module in the program that we want to describe." },
  },
  outputs: { module_description: { desc: "Description of the module's role in the broader program." } },
});

/** Which optional inputs `GenerateSingleModuleInstruction` has (DSPy's `generate_instruction_class` flags). */
export interface InstructionSignatureFlags {
  useDatasetSummary: boolean;
  programAware: boolean;
  useInstructHistory: boolean;
  useTip: boolean;
}

/** DSPy's `GenerateSingleModuleInstruction` with the inputs the flags select, in DSPy's order. */
export function generateInstructionSignature(flags: InstructionSignatureFlags): Signature {
  const inputs: Record<string, { desc: string }> = {};
  if (flags.useDatasetSummary) inputs.dataset_description = { desc: "A description of the dataset that we are using." };
  if (flags.programAware) {
    inputs.program_code = { desc: "Language model program designed to solve a particular task." };
    inputs.program_description = { desc: "Summary of the task the program is designed to solve, and how it goes about solving it." };
    inputs.module = { desc: "The module to create an instruction for." };
    inputs.module_description = { desc: "Description of the module to create an instruction for." };
  }
  inputs.task_demos = { desc: "Example inputs/outputs of our module." };
  if (flags.useInstructHistory) {
    inputs.previous_instructions = { desc: "Previous instructions we've attempted, along with their associated scores." };
  }
  inputs.basic_instruction = { desc: "Basic instruction." };
  if (flags.useTip) inputs.tip = { desc: "A suggestion for how to go about generating the new instruction." };
  return signature({
    name: "GenerateSingleModuleInstruction",
    instructions:
      "Use the information below to learn about a task that we are trying to solve using calls to an LM, then generate a new instruction that will be used to prompt a Language Model to better solve the task.",
    inputs,
    outputs: {
      proposed_instruction: { desc: "Propose an instruction that will be used to prompt a Language Model to perform this task." },
    },
  });
}

/** DSPy's `ObservationSummarizer`. */
export const ObservationSummarizer: Signature = signature({
  name: "ObservationSummarizer",
  instructions:
    "Given a series of observations I have made about my dataset, please summarize them into a brief 2-3 sentence summary which highlights only the most important details.",
  inputs: { observations: { desc: "Observations I have made about my dataset" } },
  outputs: { summary: { desc: "Two to Three sentence summary of only the most significant highlights of my observations" } },
});

/** DSPy's `DatasetDescriptor`. */
export const DatasetDescriptor: Signature = signature({
  name: "DatasetDescriptor",
  instructions:
    "Given several examples from a dataset please write observations about trends that hold for most or all of the samples. " +
    "Some areas you may consider in your observations: topics, content, syntax, conciseness, etc. " +
    "It will be useful to make an educated guess as to the nature of the task this dataset will enable. Don't be afraid to be creative",
  inputs: { examples: { desc: "Sample data points from the dataset" } },
  outputs: { observations: { desc: "Somethings that holds true for most or all of the data you observed" } },
});

/** DSPy's `DatasetDescriptorWithPriorObservations` (its typos kept: the prompt must be DSPy's). */
export const DatasetDescriptorWithPriorObservations: Signature = signature({
  name: "DatasetDescriptorWithPriorObservations",
  instructions:
    "Given several examples from a dataset please write observations about trends that hold for most or all of the samples. " +
    "I will also provide you with a few observations I have already made.  Please add your own observations or if you feel the observations are comprehensive say 'COMPLETE' " +
    "Some areas you may consider in your observations: topics, content, syntax, conciceness, etc. " +
    "It will be useful to make an educated guess as to the nature of the task this dataset will enable. Don't be afraid to be creative",
  inputs: {
    examples: { desc: "Sample data points from the dataset" },
    prior_observations: { desc: "Some prior observations I made about the data" },
  },
  outputs: {
    observations: { desc: "Somethings that holds true for most or all of the data you observed or COMPLETE if you have nothing to add" },
  },
});
