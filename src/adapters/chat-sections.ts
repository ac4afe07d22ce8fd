import { isPySpace, pyStrip } from "../python/py-str.js";

/**
 * One `[[ ## name ## ]]` section of a ChatAdapter reply (name null: the text before the first header): the text
 * after the header on its own line, and where its following lines start and end in the reply (-1 when none).
 */
export interface ChatSection {
  name: string | null;
  rest: string;
  bodyStart: number;
  bodyEnd: number;
}

const HEADER = /^\[\[ ## ([\p{L}\p{N}_]+) ## \]\]/u;
/** The line boundaries of Python's `str.splitlines()` other than `\n`. */
const OTHER_LINE_BREAKS = /\r\n|[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 11 || code === 12 || code === 0x1c || code === 0x1d || code === 0x1e || code === 0x85 || code === 0x2028 || code === 0x2029;
}

/**
 * DSPy's ChatAdapter split of a reply into sections, line by line as `str.splitlines()` reads it, without making
 * a string per line: a line is a header when, stripped, it starts with `[[ ## name ## ]]`.
 */
export function chatSections(completion: string): ChatSection[] {
  const sections: ChatSection[] = [{ name: null, rest: "", bodyStart: -1, bodyEnd: -1 }];
  const length = completion.length;
  let pos = 0;
  while (pos < length) {
    let end = pos;
    while (end < length && !isLineBreak(completion.charCodeAt(end))) end++;
    const next = end + (completion.charCodeAt(end) === 13 && completion.charCodeAt(end + 1) === 10 ? 2 : end < length ? 1 : 0);
    let first = pos;
    while (first < end && isPySpace(completion[first] as string)) first++;
    const match = completion.charCodeAt(first) === 91 ? HEADER.exec(pyStrip(completion.slice(pos, end))) : null;
    if (match) {
      // DSPy slices the unstripped line at the end of the match found in the stripped line.
      sections.push({ name: match[1] as string, rest: pyStrip(completion.slice(pos, end).slice(match[0].length)), bodyStart: -1, bodyEnd: -1 });
    } else {
      const section = sections[sections.length - 1] as ChatSection;
      if (section.bodyStart < 0) section.bodyStart = pos;
      section.bodyEnd = end;
    }
    pos = next;
  }
  return sections;
}

/** A section's text as DSPy reads it: its lines (the header's rest first, when not empty) joined by `\n`, stripped. */
export function chatSectionText(completion: string, section: ChatSection): string {
  let body = section.bodyStart < 0 ? null : completion.slice(section.bodyStart, section.bodyEnd);
  if (body !== null && body.search(OTHER_LINE_BREAKS) >= 0) body = body.replace(OTHER_LINE_BREAKS, "\n");
  if (section.rest === "") return pyStrip(body ?? "");
  return pyStrip(body === null ? section.rest : `${section.rest}\n${body}`);
}
