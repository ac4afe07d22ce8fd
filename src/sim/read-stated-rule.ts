import { contentTerms } from "./text-tokens.js";

/**
 * Stated rules: sentences of an instruction that say which value to give (or avoid, or where to look) when the
 * input mentions something, or always (docs/sim.md, "Stated rules"). This file reads one sentence.
 */

/** A condition on the query: it mentions one of these phrases (in `field`, when named). */
export interface MentionCondition {
  /** The phrases as written (lowercased), each matched word by word after normalization. */
  phrases: string[];
  /** The input field the sentence names, if any. */
  field?: string;
}

export interface StatedRule {
  /** `answer`: give `value`; `avoid`: never give `value`; `source`: read the answer from the passage titled `value`. */
  kind: "answer" | "avoid" | "source";
  value: string;
  /** `null`: the rule always applies. */
  condition: MentionCondition | null;
  /** The output field the sentence names, if any. */
  target?: string;
  sentence: string;
}

/** Longer sentences are not read as rules (a rule is short; this also keeps the patterns' work bounded). */
const MAX_RULE_LENGTH = 600;

const VERB = String.raw`(?:mentions?|contains?|includes?|has|have|says?|uses?|refers? to|talks? about|is about|are about|features?|names?)`;
const LEAD = String.raw`(?:if|when|whenever)`;

const CONDITION_FIRST = new RegExp(String.raw`^${LEAD}\s+(.{0,60}?)\s+${VERB}\s+(.+)$`, "i");
const CONSEQUENCE_FIRST = new RegExp(String.raw`^(.+?),?\s+${LEAD}\s+(.{0,60}?)\s+${VERB}\s+(.+)$`, "i");
const ARROW = /^(.+?)\s+(?:means?|indicates?|implies|signals?|points? to|maps? to|→|->|=>)\s+(.+)$/i;
const MENTIONING =
  /^(?:(?:all|any|every)\s+)?(?:the\s+)?(\w+|`\w+`)\s+(?:that\s+|which\s+)?(?:mention(?:ing|s)?|contain(?:ing|s)?|including|include|with)\s+(.+?)\s+(?:are|is|go to|goes to|get|gets|belong to|belongs to|should be|must be)\s+((?:labell?ed|classified|routed|marked|tagged|categori[sz]ed|answered)\s+(?:as\s+|to\s+|with\s+)?)?(.+)$/i;
const ALWAYS = /^(?:always\s+(?:answer|respond with|reply with|output|return|choose|pick|give|say)|the\s+(?:answer|label|output)\s+is\s+always)\s+(.+)$/i;
const NEVER = /^(?:never|do not|don't|avoid)\s+(?:answer(?:ing)?|respond(?:ing)? with|reply(?:ing)? with|output(?:ting)?|return(?:ing)?|choos(?:e|ing)|pick(?:ing)?|say(?:ing)?|giv(?:e|ing)|predict(?:ing)?)\s+(.+)$/i;

const AVOID_CONSEQ = /^(?:never|do not|don't|avoid)\s+(?:answer(?:ing)?|respond(?:ing)? with|reply(?:ing)? with|output(?:ting)?|return(?:ing)?|choos(?:e|ing)|pick(?:ing)?|say(?:ing)?|giv(?:e|ing)|predict(?:ing)?|use|using)?\s*(.+)$/i;
const SOURCE_CONSEQ =
  /^(?:(?:use|read|take (?:it|the answer) from|look (?:it )?up in|answer from)\s+|the answer (?:comes|is taken) from\s+)(?:the\s+)?(?:line|passage|entry|section|record|part|paragraph|item|document)\s+(?:titled|named|called|labell?ed|starting with|that starts with|about|on)\s+(.+)$/i;
const ANSWER_CONSEQ: readonly RegExp[] = [
  /^(?:answer|respond with|reply with|output|return|predict|choose|pick|select|give|write|say)\s+(?:with\s+)?(.+)$/i,
  /^(?:label|classify|categori[sz]e|route|tag|mark|send)\s+(?:it|this|them|the \w+)?\s*(?:as|to|with|under)?\s+(.+)$/i,
  /^it(?:'s| is)\s+(.+)$/i,
];
const SET_FIELD = /^(?:set|make)\s+(`?\w+`?)\s+(?:to|=)\s+(.+)$/i;
const FIELD_IS = /^(?:the\s+)?(`?\w+`?)\s+(?:is|should be|must be|will be|becomes|=)\s+(.+)$/i;

const QUOTE_PAIRS: ReadonlyArray<[string, string]> = [['"', '"'], ["“", "”"], ["`", "`"], ["'", "'"], ["«", "»"]];

/** Quoted pieces of a text, in order ("…", “…”, `…`, '…', «…»). */
export function quotedPieces(text: string): string[] {
  const pieces: Array<{ at: number; text: string }> = [];
  for (const [open, close] of QUOTE_PAIRS) {
    const pattern = new RegExp(`${escape(open)}([^${escape(close)}]+)${escape(close)}`, "g");
    for (const m of text.matchAll(pattern)) {
      if (open === "'" && m.index > 0 && /\w/.test(text[m.index - 1] as string)) continue; // an apostrophe, not a quote
      pieces.push({ at: m.index, text: m[1] as string });
    }
  }
  return pieces.sort((a, b) => a.at - b.at).map((p) => p.text);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
}

/** The phrases of a list such as `"a", "b" or "c"` or `the words a, b and c` (up to four words each). */
export function readPhraseList(text: string): string[] {
  const quoted = quotedPieces(text);
  const raw = quoted.length > 0 ? quoted : text.split(/\s*(?:,|;|\/|\bor\b|\band\b)\s*/i);
  return raw
    .map((item) => item.trim().replace(/^(?:either|any of|one of|the words?|words? like|terms? like|a|an|the)\s+/i, "").replace(/[.!?:]+$/, "").trim().toLowerCase())
    .filter((item) => item.length > 0 && item.split(/\s+/).length <= 4 && contentTerms(item).length > 0);
}

/** The value a consequence gives: a quoted piece, else a short bare phrase (articles and "the label" dropped). */
function readValue(text: string): { value: string; target?: string } | null {
  let rest = text.split(/;\s/)[0]!.trim().replace(/[.!;]+$/, "").trim();
  let target: string | undefined;
  const forField = /\s+(?:for|in|as|into)\s+(?:the\s+)?`(\w+)`(?:\s+field)?$/i.exec(rest);
  if (forField) {
    target = forField[1];
    rest = rest.slice(0, forField.index).trim();
  }
  rest = rest.replace(/\s+instead$/i, "");
  const quoted = quotedPieces(rest);
  if (quoted.length > 0 && /^["“`'«]/.test(rest)) return { value: quoted[0] as string, ...(target ? { target } : {}) };
  if (quoted.length === 1 && /^(?:the\s+)?(?:label|value|category|class|answer|option|word)\s+["“`'«]/i.test(rest)) return { value: quoted[0] as string, ...(target ? { target } : {}) };
  const bare = rest.replace(/^(?:the\s+)?(?:label|value|category|class|answer|option)\s+/i, "").replace(/^(?:the|a|an)\s+/i, "").trim();
  if (!bare || bare.split(/\s+/).length > 4 || /["“`]/.test(bare)) return null;
  return { value: bare, ...(target ? { target } : {}) };
}

function fieldName(text: string, names: readonly string[]): string | undefined {
  const ticked = /`(\w+)`/.exec(text)?.[1];
  if (ticked && names.includes(ticked)) return ticked;
  const words = text.toLowerCase().split(/[^\w]+/);
  return names.find((n) => words.includes(n.toLowerCase()));
}

function consequence(text: string, outputs: readonly string[]): { kind: StatedRule["kind"]; value: string; target?: string } | null {
  const trimmed = text.trim();
  const source = SOURCE_CONSEQ.exec(trimmed);
  if (source) {
    const value = readValue(source[1] as string);
    return value ? { kind: "source", ...value } : null;
  }
  const avoid = AVOID_CONSEQ.exec(trimmed);
  if (avoid) {
    const value = readValue(avoid[1] as string);
    return value ? { kind: "avoid", ...value } : null;
  }
  const set = SET_FIELD.exec(trimmed) ?? FIELD_IS.exec(trimmed);
  if (set) {
    const named = (set[1] as string).replace(/`/g, "");
    const value = readValue(set[2] as string);
    if (!value) return null;
    const target = outputs.includes(named) ? named : value.target;
    return { kind: "answer", value: value.value, ...(target ? { target } : {}) };
  }
  for (const pattern of ANSWER_CONSEQ) {
    const m = pattern.exec(trimmed);
    if (m) {
      const value = readValue(m[1] as string);
      return value ? { kind: "answer", ...value } : null;
    }
  }
  return null;
}

/** Places where a "list, consequence" text may be cut: after each comma or before each "then", outside quotes. */
function splitPoints(text: string): Array<{ list: string; rest: string }> {
  const points: Array<{ list: string; rest: string }> = [];
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === quote || (quote === "“" && ch === "”")) quote = null;
      continue;
    }
    if (ch === '"' || ch === "`" || ch === "“") quote = ch;
    else if (ch === ",") points.push({ list: text.slice(0, i), rest: text.slice(i + 1).trim().replace(/^then\s+/i, "") });
    else if (/\s/.test(ch) && /^\s+then\s+/i.test(text.slice(i))) {
      const m = /^\s+then\s+/i.exec(text.slice(i))!;
      points.push({ list: text.slice(0, i), rest: text.slice(i + m[0].length) });
    }
  }
  return points;
}

function condition(subject: string, list: string, inputs: readonly string[]): MentionCondition | null {
  const phrases = readPhraseList(list);
  if (phrases.length === 0) return null;
  const field = fieldName(subject, inputs);
  return { phrases, ...(field ? { field } : {}) };
}

/** Reads one sentence as a stated rule, or `null`. `inputs`/`outputs` are the prompt's field names. */
export function readStatedRule(sentence: string, inputs: readonly string[], outputs: readonly string[]): StatedRule | null {
  if (sentence.length > MAX_RULE_LENGTH) return null;
  const text = sentence.trim().replace(/[.!]+$/, "");
  const build = (cond: MentionCondition | null, conseq: ReturnType<typeof consequence>): StatedRule | null =>
    conseq ? { kind: conseq.kind, value: conseq.value, condition: cond, ...(conseq.target ? { target: conseq.target } : {}), sentence } : null;

  const always = ALWAYS.exec(text);
  if (always) {
    const value = readValue(always[1] as string);
    return value ? { kind: "answer", value: value.value, condition: null, ...(value.target ? { target: value.target } : {}), sentence } : null;
  }
  const never = NEVER.exec(text);
  if (never && !CONSEQUENCE_FIRST.test(text)) {
    const value = readValue(never[1] as string);
    return value ? { kind: "avoid", value: value.value, condition: null, ...(value.target ? { target: value.target } : {}), sentence } : null;
  }
  const first = CONDITION_FIRST.exec(text);
  if (first) {
    // The list may hold commas itself: try each ", " (or " then ") outside quotes as the end of the condition.
    for (const cut of splitPoints(first[2] as string)) {
      const cond = condition(first[1] as string, cut.list, inputs);
      const rule = cond && build(cond, consequence(cut.rest, outputs));
      if (rule) return rule;
    }
  }
  const second = CONSEQUENCE_FIRST.exec(text);
  if (second) {
    const cond = condition(second[2] as string, second[3] as string, inputs);
    const rule = cond && build(cond, consequence(second[1] as string, outputs));
    if (rule) return rule;
  }
  const mentioning = MENTIONING.exec(text);
  if (mentioning) {
    const cond = condition(mentioning[1] as string, mentioning[2] as string, inputs);
    const value = readValue(mentioning[4] as string);
    if (cond && value) return { kind: "answer", value: value.value, condition: cond, ...(value.target ? { target: value.target } : {}), sentence };
  }
  const arrow = ARROW.exec(text);
  if (arrow) {
    const phrases = readPhraseList(arrow[1] as string);
    const value = readValue(arrow[2] as string);
    if (phrases.length > 0 && value && (quotedPieces(arrow[1] as string).length > 0 || phrases.every((p) => !/\s/.test(p)))) {
      return { kind: "answer", value: value.value, condition: { phrases }, ...(value.target ? { target: value.target } : {}), sentence };
    }
  }
  return null;
}
