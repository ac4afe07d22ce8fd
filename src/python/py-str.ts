/**
 * Python's `str` methods whose rules differ from JavaScript's: `strip()` (Python's whitespace set has
 * `\x1c`–`\x1f` and `\x85` but not `\ufeff`), `splitlines()` (eleven line boundaries) and `textwrap.dedent`.
 */

/**
 * Whether a UTF-16 code unit is Python whitespace (`\t`–`\r`, `\x1c`–`\x1f`, space, `\x85`, `\xa0`, `\u1680`,
 * `\u2000`–`\u200a`, `\u2028`, `\u2029`, `\u202f`, `\u205f`, `\u3000`): by ranges, no search.
 */
export function isPySpaceCode(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x2000) return code === 0x85 || code === 0xa0 || code === 0x1680;
  if (code <= 0x200a) return true;
  return code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

/** Python's `str.isspace()` for one character. */
export function isPySpace(ch: string): boolean {
  return ch.length === 1 && isPySpaceCode(ch.charCodeAt(0));
}

/** Python's `str.strip()` (no argument). */
export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPySpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isPySpaceCode(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Python's `str.lstrip()` (no argument). */
export function pyLstrip(text: string): string {
  let start = 0;
  while (start < text.length && isPySpaceCode(text.charCodeAt(start))) start++;
  return text.slice(start);
}

/** Python's `str.rstrip()` (no argument). */
export function pyRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && isPySpaceCode(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end);
}

const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

/** Python's `str.splitlines()`: no trailing empty line, `\r\n` counts once. */
export function pySplitlines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(LINE_BREAK);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Python's `textwrap.dedent`: removes the common leading spaces/tabs; whitespace-only lines become empty. */
export function dedent(text: string): string {
  const lines = text.split("\n").map((line) => (/^[ \t]+$/.test(line) ? "" : line));
  let margin: string | null = null;
  for (const line of lines) {
    const m = /^[ \t]*(?=[^ \t])/.exec(line);
    if (!m) continue;
    const indent = m[0];
    if (margin === null) margin = indent;
    else if (indent.startsWith(margin)) continue;
    else if (margin.startsWith(indent)) margin = indent;
    else {
      let i = 0;
      while (i < margin.length && i < indent.length && margin[i] === indent[i]) i++;
      margin = margin.slice(0, i);
    }
  }
  if (!margin) return lines.join("\n");
  const cut = margin.length;
  return lines.map((line) => (line.startsWith(margin as string) ? line.slice(cut) : line)).join("\n");
}
