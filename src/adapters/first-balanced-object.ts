/**
 * The first balanced `{…}` substring (DSPy's recursive regex `\{(?:[^{}]|(?R))*\}`): braces are counted
 * without regard to JSON strings; a `{` whose group never closes is skipped. One pass with a stack of open
 * braces finds, among the braces that close, the leftmost one (the regex tries start positions in order),
 * in linear time.
 */
export function firstBalancedObject(text: string): string | null {
  const first = text.indexOf("{");
  if (first === -1) return null;
  const open = new Int32Array(text.length - first);
  let depth = 0;
  let start = -1;
  let end = -1;
  for (let i = first; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x7b) {
      open[depth++] = i;
    } else if (ch === 0x7d && depth > 0) {
      const from = open[--depth] as number;
      if (start === -1 || from < start) {
        start = from;
        end = i;
      }
    }
  }
  return start === -1 ? null : text.slice(start, end + 1);
}
