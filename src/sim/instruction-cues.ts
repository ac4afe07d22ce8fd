/**
 * The instruction cues the simulator reacts to. It looks for them in the task instructions and the output
 * fields' descriptions (what a model reads as "the task"), case-insensitively; negations are not understood.
 */
export interface InstructionCues {
  /** "cite", "citation", "per the policy", "name the policy", "according to the policy". */
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
  cite: /\b(cite[sd]?|citing|citations?|per the (relevant )?polic(y|ies)|name the (relevant )?polic(y|ies)|according to the polic(y|ies))\b/i,
  quote: /\b(quote[sd]?|quoting|verbatim|word for word)\b/i,
  concise: /\b(concise(ly)?|brief(ly)?|succinct(ly)?|short answers?|one sentence|terse(ly)?)\b/i,
  polite: /\b(polite(ly)?|empath\w*|apologi[sz]e|friendly|courteous(ly)?)\b/i,
  labelsOnly: /\b(only the (label|category|class)|one of the (allowed |given |listed )?(labels|categories|classes|options)|exactly one (label|category|class))\b/i,
  stepByStep: /\b(step[- ]by[- ]step|explain your reasoning|show your reasoning|think carefully)\b/i,
});

export function readCues(text: string): InstructionCues {
  const cues = {} as InstructionCues;
  for (const [name, pattern] of Object.entries(CUE_PATTERNS)) cues[name as keyof InstructionCues] = pattern.test(text);
  return cues;
}
