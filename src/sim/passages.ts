import { cosine, TfIdf } from "./similarity.js";
import { FULL_LEXICON, type Lexicon } from "./text-tokens.js";

/** A passage of an input value (a line, a «numbered item», or one titled segment), with its offsets. */
export interface Passage {
  text: string;
  start: number;
  end: number;
}

const ITEM = /^\[\d+\] (?:«««\n([\s\S]*?)\n»»»|«(.*)»)$/gmu;
/** Where a new titled segment starts inside a line: after a sentence end, one to six capitalised words and a colon. */
const TITLE_AHEAD = /(?<=[.!?;]\s+)(?=[A-Z][\w'-]*(?: [A-Z&][\w'-]*){0,5}:\s)/g;

/**
 * Splits an input value into passages: DSPy's `[1] «…»` list items; else lines, a line holding several titled
 * segments ("Alpha Notes: … . Beta Notes: …") being cut before each title.
 */
export function splitPassages(text: string): Passage[] {
  const items = [...text.matchAll(ITEM)];
  if (items.length > 0) {
    return items.map((m) => {
      // Multi-line items keep their 4-space indentation so that offsets stay those of the value.
      const inner = (m[1] ?? m[2]) as string;
      const offset = m.index + m[0].indexOf(inner, m[0].indexOf("«"));
      return { text: inner, start: offset, end: offset + inner.length };
    });
  }
  const passages: Passage[] = [];
  let lineStart = 0;
  for (const line of text.split("\n")) {
    const cuts = [0, ...[...line.matchAll(TITLE_AHEAD)].map((m) => m.index), line.length];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const raw = line.slice(cuts[i], cuts[i + 1]);
      const lead = raw.length - raw.trimStart().length;
      const piece = raw.trim();
      if (piece) passages.push({ text: piece, start: lineStart + (cuts[i] as number) + lead, end: lineStart + (cuts[i] as number) + lead + piece.length });
    }
    lineStart += line.length + 1;
  }
  return passages;
}

/** The title of a passage written `Title: body` (one to six words before the colon), and the rest of it. */
export function passageTitle(text: string): { title: string; body: string } | null {
  const match = /^([A-Z][\w'&-]*(?: [\w'&-]+){0,5}):\s+(.+)$/su.exec(text.trim());
  return match ? { title: (match[1] as string).trim(), body: (match[2] as string).trim() } : null;
}

/** Passages ranked by TF-IDF relevance to `question`; ties keep document order. */
export function rankPassages(passages: readonly Passage[], question: string, lexicon: Lexicon = FULL_LEXICON): Array<{ passage: Passage; score: number }> {
  const tfidf = new TfIdf(passages.map((p) => p.text), lexicon);
  const qv = tfidf.vector(question);
  return passages
    .map((passage, i) => ({ passage, score: cosine(tfidf.vector(passage.text), qv), i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ passage, score }) => ({ passage, score }));
}

/** What a demo teaches about passages: the passage its answer came from, weighted by the demo's similarity to the query. */
export interface PassageLesson {
  source: string;
  weight: number;
}

/** The passage of `value` that `output` draws on most (TF-IDF cosine), or `null` when `value` has one passage or none. */
export function sourcePassage(value: string, output: string, lexicon: Lexicon = FULL_LEXICON): string | null {
  const passages = splitPassages(value);
  if (passages.length < 2) return null;
  const best = rankPassages(passages, output, lexicon)[0];
  return best && best.score > 0 ? best.passage.text : null;
}

/**
 * Passage relevance informed by the demos (rule `passage-lessons`), as a model learns in context which kind of passage
 * answers which kind of question: similarity to the question, plus similarity to the passages that answered similar
 * demos (each weighted by that demo's similarity to the query).
 */
export function relevanceWithLessons(
  passages: readonly Passage[],
  question: string,
  lessons: readonly PassageLesson[],
  lexicon: Lexicon = FULL_LEXICON,
): number[] {
  const tfidf = new TfIdf([...passages.map((p) => p.text), ...lessons.map((l) => l.source)], lexicon);
  const qv = tfidf.vector(question);
  const sources = lessons.map((l) => ({ vector: tfidf.vector(l.source), weight: l.weight }));
  return passages.map((p) => {
    const pv = tfidf.vector(p.text);
    let learned = 0;
    for (const source of sources) learned += source.weight * cosine(pv, source.vector);
    return cosine(pv, qv) + learned;
  });
}
