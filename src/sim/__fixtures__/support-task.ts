import type { Message } from "../../lm/message.js";

/** The article's four policies, one per line (the retrieved context of every example below). */
export const POLICIES = {
  late: "Late Delivery Policy: orders delayed more than 24 hours qualify for a $5 credit.",
  refund: "Refund Policy: approved returns are refunded within 7 days.",
  damage: "Damaged Item Policy: damaged items qualify for a free replacement.",
  lost: "Lost Package Policy: packages marked delivered but not received qualify for a full reshipment.",
};
export const ALL_POLICIES = Object.values(POLICIES).join("\n");

export interface SupportDemo {
  context: string;
  ticket: string;
  reasoning?: string;
  resolution: string;
}

export interface SupportPromptOptions {
  demos?: SupportDemo[];
  query: { context: string; ticket: string };
  format?: "chat" | "json";
  instructions?: string;
  resolutionDesc?: string;
}

/**
 * DSPy 3.3.1's prompt for `ChainOfThought(GenerateResolution)`, written out as ChatAdapter/JSONAdapter
 * format it (checked byte for byte against `dspy-prompts.json` in sim-prompts.test.ts).
 */
export function supportMessages(options: SupportPromptOptions): Message[] {
  const format = options.format ?? "chat";
  const desc = options.resolutionDesc ?? "Concise resolution with policy citation";
  const instructions = (options.instructions ?? "Generate a support resolution using retrieved policy documents.").split("\n").map((l) => `\n        ${l}`).join("");
  const fieldList =
    "Your input fields are:\n1. `policy_context` (str): Retrieved policy passages\n2. `ticket_text` (str): The customer's message\n" +
    `Your output fields are:\n1. \`reasoning\` (str): \n2. \`resolution\` (str):${desc ? ` ${desc}` : ""}\n` +
    "All interactions will be structured in the following way, with the appropriate values filled in.\n\n";
  const inputsBlock = "[[ ## policy_context ## ]]\n{policy_context}\n\n[[ ## ticket_text ## ]]\n{ticket_text}\n\n";
  const structure =
    format === "chat"
      ? `${inputsBlock}[[ ## reasoning ## ]]\n{reasoning}\n\n[[ ## resolution ## ]]\n{resolution}\n\n[[ ## completed ## ]]\n`
      : `Inputs will have the following structure:\n\n${inputsBlock}Outputs will be a JSON object with the following fields.\n\n{\n  "reasoning": "{reasoning}",\n  "resolution": "{resolution}"\n}\n`;
  const messages: Message[] = [{ role: "system", content: `${fieldList}${structure}In adhering to this structure, your objective is: ${instructions}` }];
  const user = (context: string, ticket: string) => `[[ ## policy_context ## ]]\n${context}\n\n[[ ## ticket_text ## ]]\n${ticket}`;
  const demos = options.demos ?? [];
  const ordered = [...demos.filter((d) => d.reasoning === undefined), ...demos.filter((d) => d.reasoning !== undefined)];
  for (const demo of ordered) {
    const incomplete = demo.reasoning === undefined;
    const prefix = incomplete ? "This is an example of the task, though some input or output fields are not supplied.\n\n" : "";
    messages.push({ role: "user", content: prefix + user(demo.context, demo.ticket) });
    const reasoning = demo.reasoning ?? "Not supplied for this particular example. ";
    messages.push({
      role: "assistant",
      content:
        format === "chat"
          ? `[[ ## reasoning ## ]]\n${reasoning}\n\n[[ ## resolution ## ]]\n${demo.resolution}\n\n[[ ## completed ## ]]\n`
          : JSON.stringify({ reasoning, resolution: demo.resolution }, null, 2),
    });
  }
  const respond =
    format === "chat"
      ? "Respond with the corresponding output fields, starting with the field `[[ ## reasoning ## ]]`, then `[[ ## resolution ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`."
      : "Respond with a JSON object in the following order of fields: `reasoning`, then `resolution`.";
  messages.push({ role: "user", content: `${user(options.query.context, options.query.ticket)}\n\n${respond}` });
  return messages;
}

/** Labeled support tickets: three per kind of problem. */
export const TICKETS: Array<{ kind: keyof typeof POLICIES; ticket: string; resolution: string }> = [
  { kind: "late", ticket: "My package was supposed to arrive yesterday but tracking hasn't updated.", resolution: "Per the late-delivery policy, you qualify for a $5 credit." },
  { kind: "late", ticket: "Where is my order? It is three days late.", resolution: "Per the late-delivery policy, you qualify for a $5 credit." },
  { kind: "late", ticket: "The delivery date passed two days ago and my order is still not here.", resolution: "Per the late-delivery policy, you qualify for a $5 credit." },
  { kind: "refund", ticket: "I returned my shoes last week, when do I get my money?", resolution: "Per the refund policy, your refund arrives within 7 days." },
  { kind: "refund", ticket: "My return was approved. When will the refund be issued?", resolution: "Per the refund policy, your refund arrives within 7 days." },
  { kind: "refund", ticket: "I sent back the jacket. How long until the money is refunded?", resolution: "Per the refund policy, your refund arrives within 7 days." },
  { kind: "damage", ticket: "The vase I ordered arrived shattered.", resolution: "Per the damaged-item policy, you qualify for a free replacement." },
  { kind: "damage", ticket: "My new lamp came damaged, the shade is cracked.", resolution: "Per the damaged-item policy, you qualify for a free replacement." },
  { kind: "damage", ticket: "The box was crushed and the blender inside is damaged.", resolution: "Per the damaged-item policy, you qualify for a free replacement." },
  { kind: "lost", ticket: "Tracking says delivered but I never received the package.", resolution: "Per the lost-package policy, you qualify for a full reshipment." },
  { kind: "lost", ticket: "The app shows my parcel as delivered, yet nothing was received.", resolution: "Per the lost-package policy, you qualify for a full reshipment." },
  { kind: "lost", ticket: "Package marked delivered last Monday but it was never received.", resolution: "Per the lost-package policy, you qualify for a full reshipment." },
];
