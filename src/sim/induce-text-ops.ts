import { applyTextOps, type TextOp } from "./text-ops.js";

/** One example of a whole-text transformation: an input text and the output it gave. */
export interface TextPair {
  input: string;
  output: string;
}

/** Operations that choose material come before those that only restyle it, so forms read "take …, then upper-case". */
const PLAIN_OPS: readonly TextOp[] = [
  { op: "reverse-words" },
  { op: "sort-words" },
  { op: "initials" },
  { op: "drop-first" },
  { op: "drop-last" },
  { op: "first-words", n: 1 },
  { op: "last-words", n: 1 },
  { op: "first-words", n: 2 },
  { op: "last-words", n: 2 },
  { op: "first-words", n: 3 },
  { op: "last-words", n: 3 },
  { op: "reverse-letters" },
  { op: "dedupe-words" },
  { op: "count-words" },
  { op: "upper" },
  { op: "lower" },
  { op: "title" },
];

/** The separators that occur between letters/digits in every output (most frequent first): candidate joiners. */
function joinerCandidates(outputs: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const output of outputs) {
    for (const m of output.matchAll(/(?<=[\p{L}\p{N}])[^\p{L}\p{N}]+(?=[\p{L}\p{N}])/gu)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  const found = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([sep]) => sep);
  return [...new Set([...found.slice(0, 2), ""])].filter((sep) => sep !== " ");
}

/** A constant text every output starts (or ends) with and no input does: a candidate prefix (suffix). */
function affix(pairs: readonly TextPair[], side: "start" | "end"): string {
  const outputs = pairs.map((p) => (side === "start" ? p.output : [...p.output].reverse().join("")));
  let common = outputs[0] ?? "";
  for (const o of outputs) while (!o.startsWith(common)) common = common.slice(0, -1);
  const text = side === "start" ? common : [...common].reverse().join("");
  // Keep whole separator-delimited pieces only, so "ab-" is kept from "ab-x"/"ab-y" but "a" is not taken from "ax"/"ay".
  const piece = side === "start" ? /^.*[^\p{L}\p{N}]/u.exec(text)?.[0] : /[^\p{L}\p{N}].*$/u.exec(text)?.[0];
  return piece && pairs.length >= 2 ? piece : "";
}

function consistent(ops: readonly TextOp[], pairs: readonly TextPair[]): boolean {
  for (const pair of pairs) if (applyTextOps(pair.input, ops) !== pair.output) return false;
  return true;
}

/**
 * The shortest sequence of up to `maxSteps` text operations that turns every input into its output (search in a
 * fixed order, so the result is deterministic), or `null` when none does or the outputs are the inputs themselves.
 * Joiners, prefixes and suffixes are taken from what the outputs show.
 */
export function induceTextOps(pairs: readonly TextPair[], maxSteps = 3): TextOp[] | null {
  // Text forms are about short phrases: long inputs are not searched, and the search runs on the first 8 pairs
  // (the result must still explain every pair).
  const usable = pairs.filter((p) => p.input.trim() && p.output.trim());
  if (usable.length === 0 || usable.some((p) => p.input.length > 400) || usable.every((p) => p.input.trim() === p.output.trim())) return null;
  const outputs = usable.map((p) => p.output);
  // The operations only choose, reorder and restyle an input's letters (besides fixed affixes and word counts):
  // outputs with letters their input lacks cannot come from them, so there is nothing to search.
  const prefix0 = affix(usable, "start");
  const suffix0 = affix(usable, "end");
  const letters = (text: string) => new Set(text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ""));
  const explainable = usable.every((p) => {
    const core = p.output.slice(prefix0.length, p.output.length - suffix0.length);
    if (/^\d+$/.test(core.trim())) return true;
    const available = letters(p.input);
    return [...letters(core)].every((ch) => available.has(ch));
  });
  if (!explainable) return null;
  const pool: TextOp[] = [...PLAIN_OPS, ...joinerCandidates(outputs).map((sep): TextOp => ({ op: "join", with: sep }))];
  if (prefix0) pool.push({ op: "prefix", text: prefix0 });
  if (suffix0) pool.push({ op: "suffix", text: suffix0 });
  const budget = { left: 20_000 };
  const sample = usable.slice(0, 8);
  for (let length = 1; length <= maxSteps; length++) {
    const found = search([], length, pool, sample, budget);
    if (found) return consistent(found, usable) ? found : null;
  }
  return null;
}

function search(prefix: TextOp[], length: number, pool: readonly TextOp[], pairs: readonly TextPair[], budget: { left: number }): TextOp[] | null {
  if (prefix.length === length) {
    budget.left--;
    return consistent(prefix, pairs) ? prefix : null;
  }
  for (const op of pool) {
    if (budget.left <= 0) return null;
    const last = prefix[prefix.length - 1];
    if (last && last.op === op.op) continue;
    const found = search([...prefix, op], length, pool, pairs, budget);
    if (found) return found;
  }
  return null;
}
