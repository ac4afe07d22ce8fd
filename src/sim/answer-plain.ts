import { pyJsonDumps } from "../python/pyfmt.js";
import { reflectOnFeedback } from "./roles/reflect-instruction.js";
import type { SeededRandom } from "./seeded-random.js";
import type { SimPrompt } from "./sim-prompt.js";
import { clip } from "./text-tokens.js";

/**
 * The reply to a prompt without DSPy's structure (and without a JSON schema to fill): a rewritten instruction
 * when asked for one in a fenced block (GEPA's reflection prompt, the reflection role), else a short reply that restates the
 * request and says plainly that it cannot settle it. JSON is given when JSON was requested.
 */
export function answerPlain(prompt: SimPrompt, rng: SeededRandom): string {
  const text = prompt.queryText.trim();
  const rewrite = reflectOnFeedback(text, rng);
  if (rewrite) return rewrite;
  const firstLine = text.split("\n").find((line) => line.trim()) ?? "";
  const reply = text
    ? `You asked: "${clip(firstLine, 16)}". I can only work from what the message itself says, and it does not give me enough to answer that definitively.`
    : "Hello! Send a message and I will answer from what it contains.";
  return prompt.replyFormat === "json" ? pyJsonDumps({ answer: reply }, { indent: 2, ensureAscii: false }) : reply;
}
