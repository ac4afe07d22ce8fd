/**
 * The whole-text operations the simulator can follow when an instruction states an output form, and that its
 * proposer roles can state after inducing them from examples (docs/sim.md, "Output forms"). Text is handled as
 * whitespace-separated words and the string that joins them.
 */
export type TextOp =
  | { op: "reverse-words" }
  | { op: "reverse-letters" }
  | { op: "sort-words" }
  | { op: "dedupe-words" }
  | { op: "upper" }
  | { op: "lower" }
  | { op: "title" }
  | { op: "initials" }
  | { op: "first-words"; n: number }
  | { op: "last-words"; n: number }
  | { op: "drop-first" }
  | { op: "drop-last" }
  | { op: "join"; with: string }
  | { op: "prefix"; text: string }
  | { op: "suffix"; text: string }
  | { op: "replace"; from: string; to: string }
  | { op: "count-words" };

/** Operations that choose or reorder material (rather than only restyle it): a form holding one works on an input. */
const SELECTING = new Set<TextOp["op"]>(["reverse-words", "reverse-letters", "sort-words", "dedupe-words", "initials", "first-words", "last-words", "drop-first", "drop-last", "count-words"]);

export function isSelecting(op: TextOp): boolean {
  return SELECTING.has(op.op);
}

interface TextState {
  words: string[];
  joiner: string;
}

function whole(state: TextState): string {
  return state.words.join(state.joiner);
}

function step(state: TextState, op: TextOp): TextState {
  const { words, joiner } = state;
  switch (op.op) {
    case "reverse-words":
      return { words: [...words].reverse(), joiner };
    case "reverse-letters":
      return { words: [[...whole(state)].reverse().join("")], joiner: "" };
    case "sort-words":
      return { words: [...words].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)), joiner };
    case "dedupe-words":
      return { words: words.filter((w, i) => words.findIndex((x) => x.toLowerCase() === w.toLowerCase()) === i), joiner };
    case "upper":
      return { words: words.map((w) => w.toUpperCase()), joiner };
    case "lower":
      return { words: words.map((w) => w.toLowerCase()), joiner };
    case "title":
      return { words: words.map((w) => (w ? w[0]!.toUpperCase() + w.slice(1).toLowerCase() : w)), joiner };
    case "initials":
      return { words: [words.map((w) => [...w][0] ?? "").join("")], joiner: "" };
    case "first-words":
      return { words: words.slice(0, op.n), joiner };
    case "last-words":
      return { words: words.slice(Math.max(0, words.length - op.n)), joiner };
    case "drop-first":
      return { words: words.slice(1), joiner };
    case "drop-last":
      return { words: words.slice(0, -1), joiner };
    case "join":
      return { words, joiner: op.with };
    case "prefix":
      return { words: [op.text + whole(state)], joiner: "" };
    case "suffix":
      return { words: [whole(state) + op.text], joiner: "" };
    case "replace":
      return { words: [whole(state).split(op.from).join(op.to)], joiner: "" };
    case "count-words":
      return { words: [String(words.length)], joiner: "" };
  }
}

/** Applies the operations in order to a text (split on whitespace, joined by single spaces until a `join`). */
export function applyTextOps(text: string, ops: readonly TextOp[]): string {
  let state: TextState = { words: text.trim().split(/\s+/).filter(Boolean), joiner: " " };
  for (const op of ops) state = step(state, op);
  return whole(state);
}

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

function quote(text: string): string {
  return `"${text.replace(/"/g, '\\"')}"`;
}

/** The English an instruction uses for one operation (read back by `readTextOps`). */
export function describeTextOp(op: TextOp): string {
  switch (op.op) {
    case "reverse-words":
      return "reverse the order of the words";
    case "reverse-letters":
      return "reverse the letters";
    case "sort-words":
      return "sort the words alphabetically";
    case "dedupe-words":
      return "remove repeated words";
    case "upper":
      return "write every letter in upper case";
    case "lower":
      return "write every letter in lower case";
    case "title":
      return "capitalize the first letter of each word";
    case "initials":
      return "take the first letter of each word";
    case "first-words":
      return op.n === 1 ? "keep only the first word" : `keep only the first ${op.n} words`;
    case "last-words":
      return op.n === 1 ? "keep only the last word" : `keep only the last ${op.n} words`;
    case "drop-first":
      return "drop the first word";
    case "drop-last":
      return "drop the last word";
    case "join":
      return `join the words with ${quote(op.with)}`;
    case "prefix":
      return `add ${quote(op.text)} at the start`;
    case "suffix":
      return `add ${quote(op.text)} at the end`;
    case "replace":
      return `replace ${quote(op.from)} with ${quote(op.to)}`;
    case "count-words":
      return "count the words";
  }
}

/** A sentence stating a whole form: `To produce `out` from `in`: first A, then B.` */
export function describeTextForm(ops: readonly TextOp[], source: string, target: string): string {
  const parts = ops.map(describeTextOp);
  const head = `To produce \`${target}\` from \`${source}\``;
  if (parts.length === 1) return `${head}, ${parts[0]}.`;
  return `${head}: first ${parts.slice(0, -1).join(", then ")}, then ${parts[parts.length - 1]}.`;
}

const QUOTED = String.raw`(?:"((?:[^"\\]|\\.)*)"|“([^”]*)”|'([^']*)'|\`([^\`]*)\`)`;
const COUNT = String.raw`(\d+|one|two|three|four|five|six|seven|eight|nine|ten)`;

function countOf(text: string): number {
  const n = NUMBER_WORDS.indexOf(text.toLowerCase());
  return n >= 0 ? n : Number(text);
}

function quotedOf(m: RegExpExecArray, from: number): string {
  const raw = m[from] ?? m[from + 1] ?? m[from + 2] ?? m[from + 3] ?? "";
  return m[from] !== undefined ? raw.replace(/\\(.)/g, "$1") : raw;
}

const NAMED_JOINERS: ReadonlyArray<[RegExp, string]> = [
  [/^(hyphens?|dash(es)?)$/i, "-"],
  [/^underscores?$/i, "_"],
  [/^(single )?spaces?$/i, " "],
  [/^slash(es)?$/i, "/"],
  [/^(dots|periods|full stops)$/i, "."],
  [/^commas? and (a )?spaces?$/i, ", "],
  [/^commas?$/i, ","],
  [/^nothing$/i, ""],
];

/** Each operation's phrasings (case-insensitive); the builder receives the match. */
const PHRASES: ReadonlyArray<{ pattern: RegExp; build(m: RegExpExecArray): TextOp | null }> = [
  { pattern: /\breverse (?:the )?(?:order of (?:the )?words|word order|words)\b|\bwords in reverse(?:d)? order\b|\breversed? word order\b/gi, build: () => ({ op: "reverse-words" }) },
  { pattern: /\breverse (?:the )?(?:letters|characters|spelling)\b|\bspell(?:ed)? (?:it |them )?backwards\b/gi, build: () => ({ op: "reverse-letters" }) },
  { pattern: /\bsort (?:the )?words(?: alphabetically)?\b|\b(?:in )?alphabetical order\b/gi, build: () => ({ op: "sort-words" }) },
  { pattern: /\bremove (?:repeated|duplicate(?:d)?) words\b|\bremove duplicates\b/gi, build: () => ({ op: "dedupe-words" }) },
  { pattern: /\b(?:upper[- ]?case|capital letters|all caps|uppercase)\b/gi, build: () => ({ op: "upper" }) },
  { pattern: /\b(?:lower[- ]?case|lowercase|small letters)\b/gi, build: () => ({ op: "lower" }) },
  { pattern: /\btitle case\b|\bcapitali[sz]e (?:the first letter of )?each word\b/gi, build: () => ({ op: "title" }) },
  { pattern: /\b(?:first letter|initial)s? of each word\b|\b(?:the )?initials\b|\bacronym\b/gi, build: () => ({ op: "initials" }) },
  { pattern: new RegExp(String.raw`\b(?:keep|take|use|only)(?: only)? the first ${COUNT} words?\b|\bkeep only the first word\b|\btake the first word\b`, "gi"), build: (m) => ({ op: "first-words", n: m[1] ? countOf(m[1]) : 1 }) },
  { pattern: new RegExp(String.raw`\b(?:keep|take|use|only)(?: only)? the last ${COUNT} words?\b|\bkeep only the last word\b|\btake the last word\b`, "gi"), build: (m) => ({ op: "last-words", n: m[1] ? countOf(m[1]) : 1 }) },
  { pattern: /\b(?:drop|remove|delete|skip) the first word\b/gi, build: () => ({ op: "drop-first" }) },
  { pattern: /\b(?:drop|remove|delete|skip) the last word\b/gi, build: () => ({ op: "drop-last" }) },
  {
    pattern: new RegExp(String.raw`\b(?:join(?:ed)?|separate[ds]?|connect(?:ed)?|link(?:ed)?|combine[ds]?)(?: the words| them| the parts)?(?: together)? (?:with|by|using) (?:an? |the )?(?:${QUOTED}|(comma and (?:a )?space|hyphens?|dash(?:es)?|underscores?|single spaces?|spaces?|slash(?:es)?|dots|periods|commas?|nothing))`, "gi"),
    build: (m) => {
      if (m[5] !== undefined) return { op: "join", with: NAMED_JOINERS.find(([p]) => p.test(m[5]!))?.[1] ?? " " };
      return { op: "join", with: quotedOf(m, 1) };
    },
  },
  { pattern: /\bremove (?:all )?(?:the )?spaces\b|\bwithout spaces\b/gi, build: () => ({ op: "join", with: "" }) },
  {
    pattern: new RegExp(String.raw`\b(?:add|put|prepend|insert) ${QUOTED} (?:at the (?:start|beginning)|in front|before (?:it|the (?:text|answer|words)))|\b(?:prefix(?: it)?|start(?: it)?|begin(?: it)?) with ${QUOTED}`, "gi"),
    build: (m) => ({ op: "prefix", text: m[1] !== undefined || m[2] !== undefined || m[3] !== undefined || m[4] !== undefined ? quotedOf(m, 1) : quotedOf(m, 5) }),
  },
  {
    pattern: new RegExp(String.raw`\b(?:add|put|append|insert) ${QUOTED} (?:at the end|after (?:it|the (?:text|answer|words)))|\b(?:suffix(?: it)?|end(?: it)?) with ${QUOTED}`, "gi"),
    build: (m) => ({ op: "suffix", text: m[1] !== undefined || m[2] !== undefined || m[3] !== undefined || m[4] !== undefined ? quotedOf(m, 1) : quotedOf(m, 5) }),
  },
  { pattern: new RegExp(String.raw`\breplace (?:every |each |all )?${QUOTED} (?:with|by) ${QUOTED}`, "gi"), build: (m) => ({ op: "replace", from: quotedOf(m, 1), to: quotedOf(m, 5) }) },
  { pattern: /\bcount (?:the )?words\b|\bnumber of words\b/gi, build: () => ({ op: "count-words" }) },
];

/** The operations a sentence states, in the order they appear (overlapping phrasings: the earliest, then the longest). */
export function readTextOps(sentence: string): TextOp[] {
  if (sentence.length > 600) return [];
  const found: Array<{ at: number; end: number; op: TextOp }> = [];
  for (const { pattern, build } of PHRASES) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(sentence); m; m = pattern.exec(sentence)) {
      const op = build(m);
      if (op) found.push({ at: m.index, end: m.index + m[0].length, op });
    }
  }
  found.sort((a, b) => a.at - b.at || b.end - a.end);
  const ops: TextOp[] = [];
  let covered = -1;
  for (const item of found) {
    if (item.at < covered) continue;
    ops.push(item.op);
    covered = item.end;
  }
  return ops;
}
