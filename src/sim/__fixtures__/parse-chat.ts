/** A tiny ChatAdapter-style parse for tests: `[[ ## name ## ]]` sections, first occurrence wins. */
export function parseChat(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const parts = text.split(/^\[\[ ## (\w+) ## \]\]$/m);
  for (let i = 1; i + 1 < parts.length; i += 2) if (!(parts[i]! in fields)) fields[parts[i]!] = parts[i + 1]!.trim();
  return fields;
}
