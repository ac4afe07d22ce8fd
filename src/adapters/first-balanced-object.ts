/**
 * The first balanced `{…}` substring (DSPy's recursive regex `\{(?:[^{}]|(?R))*\}`): braces are counted
 * without regard to JSON strings; a `{` whose group never closes is skipped.
 */
export function firstBalancedObject(text: string): string | null {
  for (let start = text.indexOf("{"); start !== -1; start = text.indexOf("{", start + 1)) {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x7b) depth++;
      else if (ch === 0x7d && --depth === 0) return text.slice(start, i + 1);
    }
  }
  return null;
}
