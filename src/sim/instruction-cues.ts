/**
 * The style cues the simulator reacts to. It looks for them in the task instructions and the output fields'
 * descriptions (what a model reads as "the task"), case-insensitively, sentence by sentence: a cue in a sentence
 * that negates it before the cue ("do not cite", "never quote", "without explaining your reasoning") is not read.
 */
export interface InstructionCues {
  /** "cite", "citation", "name the source/passage/section/title". */
  cite: boolean;
  /** "quote", "quoting", "verbatim", "word for word". */
  quote: boolean;
  /** "concise", "brief", "succinct", "short answer", "one sentence", "terse". */
  concise: boolean;
  /** "polite", "empathetic", "apologize", "friendly", "courteous". */
  polite: boolean;
  /** "one of the labels/categories/options", "only the label", "exactly one label". */
  labelsOnly: boolean;
  /** "step by step", "explain your reasoning", "show your reasoning", "think carefully". */
  stepByStep: boolean;
}

export const CUE_PATTERNS: Readonly<Record<keyof InstructionCues, RegExp>> = Object.freeze({
  cite: /\b(cite[sd]?|citing|citations?|name the (source|passage|section|document|title)|say which (source|passage|section|document))\b/i,
  quote: /\b(quote[sd]?|quoting|verbatim|word for word)\b/i,
  concise: /\b(concise(ly)?|brief(ly)?|succinct(ly)?|short answers?|one sentence|terse(ly)?)\b/i,
  polite: /\b(polite(ly)?|empath\w*|apologi[sz]e|friendly|courteous(ly)?)\b/i,
  labelsOnly: /\b(only the (label|category|class)|one of the (allowed |given |listed )?(labels|categories|classes|options)|exactly one (label|category|class))\b/i,
  stepByStep: /\b(step[- ]by[- ]step|explain your reasoning|show your reasoning|think carefully)\b/i,
});

const NEGATOR = /\b(do not|don't|never|avoid|without|no need to|not)\b/i;

/** Splits text into sentences: at line breaks, and after `.`, `!`, `?` or `;` followed by a space (outside quotes). */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of text.split(/\n+/)) {
    let start = 0;
    let quote: string | null = null;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i] as string;
      if (quote) {
        if (ch === quote || (quote === "“" && ch === "”")) quote = null;
      } else if (ch === '"' || ch === "`" || ch === "“") quote = ch;
      else if (/[.!?;]/.test(ch) && (i + 1 === line.length || /\s/.test(line[i + 1] as string))) {
        const piece = line.slice(start, i + 1).trim();
        if (/^\d+[.)]$/.test(piece)) continue; // a list number, not a sentence
        if (piece) sentences.push(piece);
        start = i + 1;
      }
    }
    const rest = line.slice(start).trim();
    if (rest) sentences.push(rest);
  }
  return sentences.map((s) => s.replace(/^[-*•]\s+|^\d+[.)]\s+/, "").trim()).filter(Boolean);
}

/** The cue a sentence carries, unless negated earlier in the same sentence. */
export function cueIn(sentence: string, name: keyof InstructionCues): boolean {
  const match = CUE_PATTERNS[name].exec(sentence);
  return match !== null && !NEGATOR.test(sentence.slice(0, match.index));
}

export function readCues(text: string): InstructionCues {
  const cues: InstructionCues = { cite: false, quote: false, concise: false, polite: false, labelsOnly: false, stepByStep: false };
  for (const sentence of splitSentences(text)) {
    for (const name of Object.keys(cues) as Array<keyof InstructionCues>) if (cueIn(sentence, name)) cues[name] = true;
  }
  return cues;
}
