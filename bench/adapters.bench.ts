/**
 * Per-call cost of the adapters: format (system + 3 demos + request) and parse of a typical reply, for
 * ChatAdapter, JSONAdapter and XMLAdapter. Target: well under 100 µs per format.
 *
 *   npx tsx bench/adapters.bench.ts
 */
import type { Adapter } from "../src/adapters/adapter.js";
import { ChatAdapter } from "../src/adapters/chat-adapter.js";
import { JSONAdapter } from "../src/adapters/json-adapter.js";
import { XMLAdapter } from "../src/adapters/xml-adapter.js";
import { signature } from "../src/signatures/signature.js";

const sig = signature(
  {
    name: "AnswerWithContext",
    instructions: "Answer the question using the retrieved passages.\nCite the passage you used.",
    inputs: { question: { type: "str", desc: "The user's question" }, context: { type: "list[str]", desc: "Retrieved passages" } },
    outputs: { reasoning: "str", answer: { type: "str", desc: "A short answer" }, confidence: "float", sources: "list[int]" },
  },
);
const demos = [1, 2, 3].map((i) => ({
  question: `What is fact number ${i}?`,
  context: [`Passage ${i}a about a topic with some detail.`, `Passage ${i}b with a different angle.`],
  reasoning: `Passage ${i}a states the fact directly.`,
  answer: `Fact ${i}`,
  confidence: 0.5 + i / 10,
  sources: [i],
}));
const inputs = { question: "What is the capital of France?", context: ["Paris is the capital of France.", "Lyon is a city in France."] };
const outputs = { reasoning: "The first passage says so.", answer: "Paris", confidence: 0.9, sources: [1] };

function perCall(fn: () => unknown, seconds = 1): number {
  for (let i = 0; i < 2000; i++) fn(); // warm up
  let n = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < budget) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
  }
  return Number(process.hrtime.bigint() - start) / 1e3 / n;
}

const rows: Array<[string, number, number]> = [];
for (const adapter of [new ChatAdapter(), new JSONAdapter(), new XMLAdapter()] as Adapter[]) {
  const reply = adapter.formatAssistantMessageContent(sig, outputs);
  if (JSON.stringify(adapter.parse(sig, reply)) !== JSON.stringify(outputs)) {
    console.error(`${adapter.name}: the reply does not round-trip`);
    process.exit(1);
  }
  rows.push([adapter.name, perCall(() => adapter.format(sig, demos, inputs)), perCall(() => adapter.parse(sig, reply))]);
}
console.log("adapter        format µs/call   parse µs/call   (signature: 2 inputs, 4 outputs, 3 demos)");
for (const [name, format, parse] of rows) console.log(`${name.padEnd(14)} ${format.toFixed(1).padStart(14)} ${parse.toFixed(1).padStart(15)}`);
