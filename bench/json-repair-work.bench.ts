/**
 * How much work json_repair's repair parser needs on real documents, against its work limit (docs/compat.md,
 * "json_repair and literal_eval"): steps and string-body characters read per character of the text, for every
 * committed json_repair input and for megabyte documents made of them (src/python/__fixtures__/broken-json-documents.ts).
 *
 *   npx tsx --conditions=source bench/json-repair-work.bench.ts [--size=1000000] [--seeds=5]
 */
import { brokenJsonDocuments, committedJsonRepairInputs } from "../src/python/__fixtures__/broken-json-documents.js";
import { decodePythonJson } from "../src/python/json-repair/python-json.js";
import { JsonRepairParser } from "../src/python/json-repair/repair-parser.js";
import { STRING_WORK_PER_CHARACTER, WORK_BASE, WORK_PER_CHARACTER } from "../src/python/json-repair/repair-cursor.js";

interface Work {
  length: number;
  steps: number;
  stringSteps: number;
  ms: number;
  outcome: string;
}

/** The repair parser's work on `text` (nothing when Python's json.loads takes it as it is). */
function work(text: string): Work {
  const start = process.hrtime.bigint();
  let outcome = "ok";
  let steps = 0;
  let stringSteps = 0;
  try {
    if (decodePythonJson(text) === undefined) {
      const parser = new JsonRepairParser(text);
      try {
        parser.readDocument();
      } finally {
        steps = parser.steps;
        stringSteps = parser.stringSteps;
      }
    } else {
      outcome = "strict";
    }
  } catch (error) {
    outcome = error instanceof Error ? error.name : "error";
  }
  return { length: Array.from(text).length, steps, stringSteps, ms: Number(process.hrtime.bigint() - start) / 1e6, outcome };
}

const args = process.argv.slice(2);
const size = Number(args.find((a) => a.startsWith("--size="))?.slice(7) ?? 1_000_000);
const seeds = Number(args.find((a) => a.startsWith("--seeds="))?.slice(8) ?? 5);

const inputs = committedJsonRepairInputs();
let repaired = 0;
let maxSteps = 0;
let maxPerChar = 0;
let maxStringPerChar = 0;
for (const input of inputs) {
  const w = work(input);
  if (w.outcome === "strict") continue;
  repaired++;
  maxSteps = Math.max(maxSteps, w.steps);
  if (w.length >= 200) {
    maxPerChar = Math.max(maxPerChar, w.steps / w.length);
    maxStringPerChar = Math.max(maxStringPerChar, w.stringSteps / w.length);
  }
}
console.log(`limit: ${WORK_PER_CHARACTER} steps and ${STRING_WORK_PER_CHARACTER} string characters per character, each plus ${WORK_BASE}`);
console.log(
  `committed inputs: ${inputs.length} (${repaired} repaired); most steps ${maxSteps}; ` +
    `inputs of 200+ characters: at most ${maxPerChar.toFixed(2)} steps and ${maxStringPerChar.toFixed(2)} string characters per character`,
);

const rows: string[][] = [["document", "seed", "characters", "steps/char", "string/char", "ms", "outcome"]];
let worstSteps = 0;
let worstString = 0;
for (let seed = 1; seed <= seeds; seed++) {
  for (const doc of brokenJsonDocuments(inputs, size, seed)) {
    const w = work(doc.text);
    worstSteps = Math.max(worstSteps, w.steps / w.length);
    worstString = Math.max(worstString, w.stringSteps / w.length);
    rows.push([doc.name, String(seed), String(w.length), (w.steps / w.length).toFixed(2), (w.stringSteps / w.length).toFixed(2), w.ms.toFixed(0), w.outcome]);
  }
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join("  "));
console.log(`\nworst document: ${worstSteps.toFixed(2)} steps and ${worstString.toFixed(2)} string characters per character`);
