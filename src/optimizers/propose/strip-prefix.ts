/** DSPy's `strip_prefix` pattern: up to five words and a colon at the start (after asterisks and spaces). */
const PREFIX = /^[*\s]*(?:[\p{L}\p{N}_'-]+\s+){0,4}[\p{L}\p{N}_'-]+:\s*/u;

/**
 * DSPy's `strip_prefix`: drops a leading label such as `Proposed Instruction:` (up to five words, optionally after
 * asterisks), then strips double quotes at both ends.
 */
export function stripPrefix(text: string): string {
  return text.replace(PREFIX, "").replace(/^"+|"+$/g, "");
}
