import { signature } from "../signatures/signature.js";

/** DSPy's `SemanticRecallPrecision` (the docstring is the instructions, cleaned like `inspect.cleandoc`). */
export const SemanticRecallPrecision = signature({
  name: "SemanticRecallPrecision",
  instructions: `
    Compare a system's response to the ground truth to compute its recall and precision.
    If asked to reason, enumerate key ideas in each response, and whether they are present in the other response.
    `,
  inputs: { question: "str", ground_truth: "str", system_response: "str" },
  outputs: {
    recall: { type: "float", desc: "fraction (out of 1.0) of ground truth covered by the system response" },
    precision: { type: "float", desc: "fraction (out of 1.0) of system response covered by the ground truth" },
  },
});

/** DSPy's `DecompositionalSemanticRecallPrecision`. */
export const DecompositionalSemanticRecallPrecision = signature({
  name: "DecompositionalSemanticRecallPrecision",
  instructions: `
    Compare a system's response to the ground truth to compute recall and precision of key ideas.
    You will first enumerate key ideas in each response, discuss their overlap, and then report recall and precision.
    `,
  inputs: { question: "str", ground_truth: "str", system_response: "str" },
  outputs: {
    ground_truth_key_ideas: { type: "str", desc: "enumeration of key ideas in the ground truth" },
    system_response_key_ideas: { type: "str", desc: "enumeration of key ideas in the system response" },
    discussion: { type: "str", desc: "discussion of the overlap between ground truth and system response" },
    recall: { type: "float", desc: "fraction (out of 1.0) of ground truth covered by the system response" },
    precision: { type: "float", desc: "fraction (out of 1.0) of system response covered by the ground truth" },
  },
});

/** DSPy's `AnswerCompleteness`. */
export const AnswerCompleteness = signature({
  name: "AnswerCompleteness",
  instructions: `
    Estimate the completeness of a system's responses, against the ground truth.
    You will first enumerate key ideas in each response, discuss their overlap, and then report completeness.
    `,
  inputs: { question: "str", ground_truth: "str", system_response: "str" },
  outputs: {
    ground_truth_key_ideas: { type: "str", desc: "enumeration of key ideas in the ground truth" },
    system_response_key_ideas: { type: "str", desc: "enumeration of key ideas in the system response" },
    discussion: { type: "str", desc: "discussion of the overlap between ground truth and system response" },
    completeness: { type: "float", desc: "fraction (out of 1.0) of ground truth covered by the system response" },
  },
});

/** DSPy's `AnswerGroundedness`. */
export const AnswerGroundedness = signature({
  name: "AnswerGroundedness",
  instructions: `
    Estimate the groundedness of a system's responses, against real retrieved documents written by people.
    You will first enumerate whatever non-trivial or check-worthy claims are made in the system response, and then
    discuss the extent to which some or all of them can be deduced from the retrieved context and basic commonsense.
    `,
  inputs: { question: "str", retrieved_context: "str", system_response: "str" },
  outputs: {
    system_response_claims: { type: "str", desc: "enumeration of non-trivial or check-worthy claims in the system response" },
    discussion: { type: "str", desc: "discussion of how supported the claims are by the retrieved context" },
    groundedness: { type: "float", desc: "fraction (out of 1.0) of system response supported by the retrieved context" },
  },
});
