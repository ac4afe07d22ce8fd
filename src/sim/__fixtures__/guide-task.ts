import type { Message } from "../../lm/message.js";

/** A made-up harbour guide: four titled excerpts, one per line (the retrieved context of the examples below). */
export const EXCERPTS = {
  tides: "Tide Tables: high water at the north pier comes 40 minutes after moonrise.",
  ferry: "Ferry Timetable: the evening boat leaves dock 3 at 19:40.",
  lamps: "Lamp Register: harbour lamps are lit at dusk and checked every 6 hours.",
  birds: "Bird Log: terns nest on the east rocks and lay 2 eggs.",
};
export const ALL_EXCERPTS = Object.values(EXCERPTS).join("\n");

export interface GuideDemo {
  context: string;
  question: string;
  reasoning?: string;
  answer: string;
}

export interface GuidePromptOptions {
  demos?: GuideDemo[];
  query: { context: string; question: string };
  format?: "chat" | "json";
  instructions?: string;
  answerDesc?: string;
}

/**
 * DSPy 3.3.1's prompt for `ChainOfThought(GuideAnswer)`, written out as ChatAdapter/JSONAdapter format it
 * (checked byte for byte against `dspy-prompts.json` in simulator-model.test.ts).
 */
export function guideMessages(options: GuidePromptOptions): Message[] {
  const format = options.format ?? "chat";
  const desc = options.answerDesc ?? "Short answer naming its source";
  const instructions = (options.instructions ?? "Answer the visitor's question using the guide excerpts.").split("\n").map((l) => `\n        ${l}`).join("");
  const fieldList =
    "Your input fields are:\n1. `guide_context` (str): Retrieved guide excerpts\n2. `question` (str): The visitor's question\n" +
    `Your output fields are:\n1. \`reasoning\` (str): \n2. \`answer\` (str):${desc ? ` ${desc}` : ""}\n` +
    "All interactions will be structured in the following way, with the appropriate values filled in.\n\n";
  const inputsBlock = "[[ ## guide_context ## ]]\n{guide_context}\n\n[[ ## question ## ]]\n{question}\n\n";
  const structure =
    format === "chat"
      ? `${inputsBlock}[[ ## reasoning ## ]]\n{reasoning}\n\n[[ ## answer ## ]]\n{answer}\n\n[[ ## completed ## ]]\n`
      : `Inputs will have the following structure:\n\n${inputsBlock}Outputs will be a JSON object with the following fields.\n\n{\n  "reasoning": "{reasoning}",\n  "answer": "{answer}"\n}\n`;
  const messages: Message[] = [{ role: "system", content: `${fieldList}${structure}In adhering to this structure, your objective is: ${instructions}` }];
  const user = (context: string, question: string) => `[[ ## guide_context ## ]]\n${context}\n\n[[ ## question ## ]]\n${question}`;
  const demos = options.demos ?? [];
  const ordered = [...demos.filter((d) => d.reasoning === undefined), ...demos.filter((d) => d.reasoning !== undefined)];
  for (const demo of ordered) {
    const incomplete = demo.reasoning === undefined;
    const prefix = incomplete ? "This is an example of the task, though some input or output fields are not supplied.\n\n" : "";
    messages.push({ role: "user", content: prefix + user(demo.context, demo.question) });
    const reasoning = demo.reasoning ?? "Not supplied for this particular example. ";
    messages.push({
      role: "assistant",
      content:
        format === "chat"
          ? `[[ ## reasoning ## ]]\n${reasoning}\n\n[[ ## answer ## ]]\n${demo.answer}\n\n[[ ## completed ## ]]\n`
          : JSON.stringify({ reasoning, answer: demo.answer }, null, 2),
    });
  }
  const respond =
    format === "chat"
      ? "Respond with the corresponding output fields, starting with the field `[[ ## reasoning ## ]]`, then `[[ ## answer ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`."
      : "Respond with a JSON object in the following order of fields: `reasoning`, then `answer`.";
  messages.push({ role: "user", content: `${user(options.query.context, options.query.question)}\n\n${respond}` });
  return messages;
}

const ANSWERS: Record<keyof typeof EXCERPTS, string> = {
  tides: "The tide-tables entry says: high water at the north pier comes 40 minutes after moonrise.",
  ferry: "The ferry-timetable entry says: the evening boat leaves dock 3 at 19:40.",
  lamps: "The lamp-register entry says: harbour lamps are lit at dusk and checked every 6 hours.",
  birds: "The bird-log entry says: terns nest on the east rocks and lay 2 eggs.",
};

/** Visitors' questions, three per excerpt, with the answer each should get. */
export const QUESTIONS: Array<{ kind: keyof typeof EXCERPTS; question: string; answer: string }> = [
  { kind: "tides", question: "When is high water at the north pier?", answer: ANSWERS.tides },
  { kind: "tides", question: "How long after moonrise does the water peak at the pier?", answer: ANSWERS.tides },
  { kind: "tides", question: "At what time is the water highest by the north pier?", answer: ANSWERS.tides },
  { kind: "ferry", question: "What time does the evening boat leave?", answer: ANSWERS.ferry },
  { kind: "ferry", question: "Which dock does the evening boat use?", answer: ANSWERS.ferry },
  { kind: "ferry", question: "When can I catch the last boat of the evening?", answer: ANSWERS.ferry },
  { kind: "lamps", question: "When are the harbour lamps lit?", answer: ANSWERS.lamps },
  { kind: "lamps", question: "How often are the lamps checked?", answer: ANSWERS.lamps },
  { kind: "lamps", question: "Are the harbour lamps checked during the night?", answer: ANSWERS.lamps },
  { kind: "birds", question: "Where do the terns nest?", answer: ANSWERS.birds },
  { kind: "birds", question: "How many eggs do terns lay?", answer: ANSWERS.birds },
  { kind: "birds", question: "Which rocks do the terns use for nesting?", answer: ANSWERS.birds },
];
