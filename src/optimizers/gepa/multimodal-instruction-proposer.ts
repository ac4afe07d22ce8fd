import { CustomType } from "../../adapters/types/custom-type.js";
import { Predict } from "../../predict/predict.js";
import { pyStr } from "../../python/pyfmt.js";
import { pyStrip } from "../../python/py-str.js";
import { signature } from "../../signatures/signature.js";
import type { Candidate, ReflectiveDataset, ReflectiveRecord } from "./gepa-adapter.js";
import { formatReflectiveExample } from "./instruction-proposal.js";

/** DSPy's `GenerateEnhancedMultimodalInstructionFromFeedback` (instructions and field descriptions verbatim). */
export const GenerateEnhancedMultimodalInstructionFromFeedback = signature({
  name: "GenerateEnhancedMultimodalInstructionFromFeedback",
  instructions:
    "I provided an assistant with instructions to perform a task involving visual content, but the assistant's performance needs improvement based on the examples and feedback below.\n\n" +
    "Your task is to write a better instruction for the assistant that addresses the specific issues identified in the feedback, with particular attention to how visual and textual information should be analyzed and integrated.\n\n" +
    "## Analysis Steps:\n" +
    "1. **Read the inputs carefully** and identify both the visual and textual input formats, understanding how they work together\n" +
    "2. **Read all the assistant responses and corresponding feedback** to understand what went wrong with visual analysis, text processing, or their integration\n" +
    "3. **Identify visual analysis patterns** - what visual features, relationships, or details are important for this task\n" +
    "4. **Identify domain-specific knowledge** about both visual and textual aspects, as this information may not be available to the assistant in the future\n" +
    "5. **Look for successful visual-textual integration strategies** and include these patterns in the instruction\n" +
    "6. **Address specific visual analysis issues** mentioned in the feedback\n\n" +
    "## Instruction Requirements:\n" +
    "- **Clear task definition** explaining how to process both visual and textual inputs\n" +
    "- **Visual analysis guidance** specific to this task (what to look for, how to describe, what features matter)\n" +
    "- **Integration strategies** for combining visual observations with textual information\n" +
    "- **Domain-specific knowledge** about visual concepts, terminology, or relationships\n" +
    "- **Error prevention guidance** for common visual analysis mistakes shown in the feedback\n" +
    "- **Precise, actionable language** for both visual and textual processing\n\n" +
    "Focus on creating an instruction that helps the assistant properly analyze visual content, integrate it with textual information, and avoid the specific visual analysis mistakes shown in the examples.",
  inputs: {
    current_instruction: { desc: "The current instruction that was provided to the assistant to perform the multimodal task" },
    examples_with_feedback: {
      desc:
        "Task examples with visual content showing inputs, assistant outputs, and feedback. Pay special attention to feedback about visual analysis accuracy, " +
        "visual-textual integration, and any domain-specific visual knowledge that the assistant missed.",
    },
  },
  outputs: {
    improved_instruction: {
      desc:
        "A better instruction for the assistant that addresses visual analysis issues, provides clear guidance on how to process and integrate visual and textual " +
        "information, includes necessary visual domain knowledge, and prevents the visual analysis mistakes shown in the examples.",
    },
  },
});

const ERROR_WORDS = ["incorrect", "wrong", "error", "failed", "missing"];
const SUCCESS_WORDS = ["correct", "good", "accurate", "well", "successfully"];
const KNOWLEDGE_WORDS = ["should know", "domain", "specific", "context", "background"];

/** How many feedback texts read as errors, successes and knowledge gaps (DSPy's keyword rules). */
function feedbackPatterns(records: readonly ReflectiveRecord[]): { errors: number; successes: number; gaps: number } {
  const counts = { errors: 0, successes: 0, gaps: 0 };
  for (const record of records) {
    const feedback = pyStr(record.Feedback ?? "").toLowerCase();
    if (ERROR_WORDS.some((w) => feedback.includes(w))) counts.errors++;
    if (SUCCESS_WORDS.some((w) => feedback.includes(w))) counts.successes++;
    if (KNOWLEDGE_WORDS.some((w) => feedback.includes(w))) counts.gaps++;
  }
  return counts;
}

function patternSummary(counts: { errors: number; successes: number; gaps: number }): string {
  const parts = ["## Feedback Pattern Analysis\n"];
  if (counts.errors) parts.push(`**Common Issues Found (${counts.errors} examples):**`, "Focus on preventing these types of mistakes in the new instruction.\n");
  if (counts.successes) parts.push(`**Successful Approaches Found (${counts.successes} examples):**`, "Build on these successful strategies in the new instruction.\n");
  if (counts.gaps) parts.push(`**Domain Knowledge Needs Identified (${counts.gaps} examples):**`, "Include this specialized knowledge in the new instruction.\n");
  return parts.join("\n");
}

/**
 * The reflective records as markdown with each custom-type value (an image …) replaced by `[IMAGE-n - see visual
 * content]` (numbered per example), the values collected in order, and DSPy's feedback-pattern summary on top.
 */
export function formatMultimodalExamples(records: readonly ReflectiveRecord[]): { text: string; images: CustomType[] } {
  const images: CustomType[] = [];
  const parts = records.map((record, i) => {
    let perExample = 0;
    return formatReflectiveExample(record, i + 1, (value) => {
      if (!(value instanceof CustomType)) return `${pyStrip(pyStr(value))}\n\n`;
      images.push(value);
      return `[IMAGE-${++perExample} - see visual content]\n\n`;
    });
  });
  let text = parts.join("\n\n");
  if (images.length) {
    text = `The examples below include visual content (${images.length} images total). Please analyze both the text and visual elements when suggesting improvements.\n\n${text}`;
  }
  const counts = feedbackPatterns(records);
  if (counts.errors || counts.successes || counts.gaps) text = `${patternSummary(counts)}\n\n${text}`;
  return { text, images };
}

/**
 * DSPy's `MultiModalInstructionProposer`: a GEPA `instructionProposer` that keeps images in the reflection — for
 * each component it asks `GenerateEnhancedMultimodalInstructionFromFeedback` (on the reflection LM GEPA puts in
 * settings) with the examples as text followed by the images themselves.
 *
 * @example
 * new GEPA({ metric, reflectionLm, auto: "light", instructionProposer: new MultiModalInstructionProposer() });
 */
export class MultiModalInstructionProposer {
  readonly proposeInstruction = new Predict(GenerateEnhancedMultimodalInstructionFromFeedback);

  /** New instructions for the components that have reflective records. */
  async propose(args: { candidate: Candidate; reflectiveDataset: ReflectiveDataset; componentsToUpdate: string[] }): Promise<Record<string, string>> {
    const updated: Record<string, string> = {};
    for (const name of args.componentsToUpdate) {
      const records = args.reflectiveDataset[name];
      if (!(name in args.candidate) || !records) continue;
      const { text, images } = formatMultimodalExamples(records);
      const examples = images.length ? [text, ...images] : text;
      const prediction = await this.proposeInstruction.call({ current_instruction: args.candidate[name] as string, examples_with_feedback: examples as string });
      updated[name] = prediction.improved_instruction as string;
    }
    return updated;
  }
}
