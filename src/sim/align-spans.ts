import { splitPassages, type Passage } from "./passages.js";
import { FULL_LEXICON, tokenize, wordTokens, type Lexicon, type Token } from "./text-tokens.js";

/** A piece of an output: literal text, or a span copied from an input field. */
export type OutputSegment =
  | { kind: "literal"; text: string }
  | { kind: "slot"; field: string; start: number; end: number; text: string };

/**
 * Splits an output into literal text and spans copied from the inputs: at each word, the longest run of
 * words that also occurs contiguously in one input (matching lowercased, lightly stemmed words and ignoring
 * punctuation) becomes a slot, unless it is only stopwords.
 */
export function findCopiedSpans(output: string, inputs: Record<string, string>, lexicon: Lexicon = FULL_LEXICON): OutputSegment[] {
  const outWords = wordTokens(output);
  const sources = Object.entries(inputs).map(([field, text]) => ({ field, words: wordTokens(text) }));
  const segments: OutputSegment[] = [];
  let cursor = 0;
  let i = 0;
  while (i < outWords.length) {
    let best = { len: 0, field: "", at: 0 };
    for (const source of sources) {
      for (let j = 0; j < source.words.length; j++) {
        let k = 0;
        while (i + k < outWords.length && j + k < source.words.length && outWords[i + k]!.norm === source.words[j + k]!.norm) k++;
        if (k > best.len) best = { len: k, field: source.field, at: j };
      }
    }
    const run = outWords.slice(i, i + best.len);
    if (best.len === 0 || run.every((t) => lexicon.isStopword(t.norm))) {
      i++;
      continue;
    }
    const first = run[0] as Token;
    const last = run[run.length - 1] as Token;
    const srcWords = sources.find((s) => s.field === best.field)!.words;
    if (first.start > cursor) segments.push({ kind: "literal", text: output.slice(cursor, first.start) });
    segments.push({
      kind: "slot",
      field: best.field,
      start: srcWords[best.at]!.start,
      end: srcWords[best.at + best.len - 1]!.end,
      text: output.slice(first.start, last.end),
    });
    cursor = last.end;
    i += best.len;
  }
  if (cursor < output.length) segments.push({ kind: "literal", text: output.slice(cursor) });
  return segments;
}

/** Matched word pairs of a longest common subsequence of two word lists (by normalized form). */
export function lcsPairs(a: readonly Token[], b: readonly Token[]): Array<[number, number]> {
  const n = Math.min(a.length, 400);
  const m = Math.min(b.length, 400);
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = a[i]!.norm === b[j]!.norm ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i]!.norm === b[j]!.norm) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/**
 * Maps a word boundary of one text to the other through LCS anchors, interpolating between them. A boundary
 * sitting on several anchors maps to the last of them for a span start and the first for a span end.
 */
function mapBoundary(x: number, anchors: Array<[number, number]>, side: "start" | "end"): number {
  const exact = anchors.filter((a) => a[0] === x).map((a) => a[1]);
  if (exact.length > 0) return side === "start" ? Math.max(...exact) : Math.min(...exact);
  let lo: [number, number] = anchors[0] as [number, number];
  let hi: [number, number] = anchors[anchors.length - 1] as [number, number];
  for (const anchor of anchors) {
    if (anchor[0] < x && anchor[0] >= lo[0]) lo = anchor;
    if (anchor[0] > x && anchor[0] < hi[0]) hi = anchor;
  }
  return lo[1] + Math.round(((x - lo[0]) * (hi[1] - lo[1])) / (hi[0] - lo[0]));
}

function passageAt(passages: Passage[], offset: number): Passage | undefined {
  return passages.find((p) => offset >= p.start && offset < p.end) ?? passages.find((p) => offset < p.end);
}

/** How alike two passages are in shape: shared words over the longer length. */
export function structuralSimilarity(a: string, b: string): number {
  const wa = wordTokens(a);
  const wb = wordTokens(b);
  return wa.length === 0 || wb.length === 0 ? 0 : lcsPairs(wa, wb).length / Math.max(wa.length, wb.length);
}

/**
 * Finds, in the query's value of a field, the span that corresponds to `[start, end)` of the demo's value:
 * the demo passage holding the span is paired with the query passage most relevant to the question
 * (`relevance[i]` for query passage i; ties go to the passage in the same place, then to the one shaped most
 * like the demo's), and the span
 * is carried over through aligned words. `shape` says how alike the two passages are (see `structuralSimilarity`).
 */
export function mapSpan(
  demoText: string,
  span: { start: number; end: number },
  queryText: string,
  relevance: (passages: Passage[]) => number[],
  byShape = true,
  titled = true,
): { start: number; end: number; shape: number } | null {
  const demoPassages = splitPassages(demoText);
  const first = passageAt(demoPassages, span.start);
  const last = passageAt(demoPassages, Math.max(span.start, span.end - 1));
  if (!first || !last) return null;
  const demoPassage = { text: demoText.slice(first.start, last.end), start: first.start, end: last.end };
  const queryPassages = splitPassages(queryText);
  if (queryPassages.length === 0) return null;
  const rel = relevance(queryPassages);
  const top = Math.max(...queryPassages.map((_, i) => rel[i] ?? 0));
  const shape = (p: Passage) => structuralSimilarity(demoPassage.text, p.text);
  const contenders = queryPassages.filter((_, i) => (rel[i] ?? 0) >= top - 1e-9);
  const samePlace = queryPassages[demoPassages.indexOf(first)];
  const best = samePlace && contenders.includes(samePlace) ? samePlace : contenders.reduce((a, b) => (shape(b) > shape(a) ? b : a));
  if (byShape) {
    const spanText = demoText.slice(span.start, span.end);
    const found = matchByShape(spanText, best) ?? matchByShape(spanText, { text: queryText, start: 0, end: queryText.length });
    if (found) return { ...found, shape: shape(best) };
  }
  const regions = titled ? titledRegions(demoPassage, best, span) : null;
  const mapped = alignSpan(regions?.demo ?? demoPassage, regions?.query ?? best, span);
  return mapped ? { ...mapped, shape: shape(best) } : null;
}

/**
 * The matching parts of two passages written `Title: body` (rule `titled-passages`): a span inside the demo
 * passage's title is carried over within the titles, a span inside its body within the bodies; `null` when either
 * passage has no title or the span crosses the colon.
 */
function titledRegions(demo: Passage, query: Passage, span: { start: number; end: number }): { demo: Passage; query: Passage } | null {
  const parts = (p: Passage) => {
    const m = /^([A-Z][\w'&-]*(?: [\w'&-]+){0,5}):\s+/u.exec(p.text);
    if (!m) return null;
    return {
      title: { text: m[1] as string, start: p.start, end: p.start + (m[1] as string).length },
      body: { text: p.text.slice(m[0].length), start: p.start + m[0].length, end: p.end },
    };
  };
  const d = parts(demo);
  const q = parts(query);
  if (!d || !q) return null;
  if (span.end <= d.title.end) return { demo: d.title, query: q.title };
  if (span.start >= d.body.start) return { demo: d.body, query: q.body };
  return null;
}

/** Carries `span` (offsets in the demo's value) over from one passage to the other through aligned words. */
function alignSpan(demoPassage: Passage, queryPassage: Passage, span: { start: number; end: number }): { start: number; end: number } | null {
  const dWords = wordTokens(demoPassage.text);
  const qWords = wordTokens(queryPassage.text);
  const a = dWords.findIndex((t) => t.end + demoPassage.start > span.start);
  let b = dWords.length;
  while (b > 0 && dWords[b - 1]!.start + demoPassage.start >= span.end) b--;
  if (a < 0 || b <= a || qWords.length === 0) return null;
  // A span covering the whole passage (or title, or body) stands for the whole counterpart.
  if (a === 0 && b === dWords.length) return { start: queryPassage.start + qWords[0]!.start, end: queryPassage.start + qWords[qWords.length - 1]!.end };
  const anchors: Array<[number, number]> = [[0, 0]];
  for (const [i, j] of lcsPairs(dWords, qWords)) anchors.push([i, j], [i + 1, j + 1]);
  anchors.push([dWords.length, qWords.length]);
  const qa = mapBoundary(a, anchors, "start");
  const qb = mapBoundary(b, anchors, "end");
  if (qb <= qa) return null;
  return { start: queryPassage.start + qWords[qa]!.start, end: queryPassage.start + qWords[qb - 1]!.end };
}

/**
 * A span holding digits (an identifier, an amount, a date) is found by its shape rather than its position (rule
 * `shape-spans`): a word with digits becomes a pattern of its shape — digits, capitals and small letters as classes of
 * the same length, other characters as they are (`#12345` → `#\d{5}`, `AB-1234` → two capitals, `-`, four digits) —
 * and other words must match as they are (any case). The first match in `passage` is returned; `null` when the span
 * has no digits or nothing matches.
 */
function matchByShape(spanText: string, passage: Passage): { start: number; end: number } | null {
  const words = spanText.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 4 || !words.some((w) => /\d/.test(w))) return null;
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const wordPattern = (word: string) =>
    /\d/.test(word)
      ? [...word.matchAll(/\d+|\p{Lu}+|\p{Ll}+|[^\d\p{L}]/gu)]
          .map(([piece]) => (/\d/.test(piece) ? `\\d{${piece.length}}` : /\p{Lu}/u.test(piece) ? `\\p{Lu}{${piece.length}}` : /\p{Ll}/u.test(piece) ? `\\p{Ll}{${piece.length}}` : escape(piece)))
          .join("")
      : escape(word);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}#$])${words.map(wordPattern).join("\\s+")}(?![\\p{L}\\p{N}])`, "iu");
  const match = pattern.exec(passage.text);
  return match ? { start: passage.start + match.index, end: passage.start + match.index + match[0].length } : null;
}

/** Rewrites `queryText` in the style the demo applied when copying `demoSource` into `demoOutput` (case, joiners). */
export function restyle(demoOutput: string, demoSource: string, queryText: string): string {
  const out = tokenize(demoOutput);
  const src = tokenize(demoSource);
  const outWords = out.filter((t) => t.word).map((t) => t.text);
  const srcWords = src.filter((t) => t.word).map((t) => t.text);
  const caseOf = (words: string[]) => words.join(" ");
  let change: (w: string, i: number) => string = (w) => w;
  if (caseOf(outWords) === caseOf(srcWords)) change = (w) => w;
  else if (caseOf(outWords) === caseOf(srcWords).toLowerCase()) change = (w) => w.toLowerCase();
  else if (caseOf(outWords) === caseOf(srcWords).toUpperCase()) change = (w) => w.toUpperCase();
  const outSeps = separators(demoOutput);
  const srcSeps = separators(demoSource);
  const query = wordTokens(queryText);
  if (outSeps.join("\u0000") === srcSeps.join("\u0000") || outSeps.length === 0) {
    let result = "";
    let cursor = 0;
    query.forEach((t, i) => {
      result += queryText.slice(cursor, t.start) + change(t.text, i);
      cursor = t.end;
    });
    return result + queryText.slice(cursor);
  }
  const seps = query.slice(1).map((_, i) => outSeps[outSeps.length - (query.length - 1) + i] ?? outSeps[0] ?? " ");
  return query.map((t, i) => change(t.text, i) + (i < seps.length ? seps[i] : "")).join("");
}

function separators(text: string): string[] {
  const words = wordTokens(text);
  return words.slice(1).map((t, i) => text.slice(words[i]!.end, t.start));
}
