const PATTERNS = [
  /context[ _-]?length/i,
  /context[ _-]?window/i,
  /maximum context/i,
  /prompt is too long/i,
  /input token count.*exceeds/i,
  /too many (?:input )?tokens/i,
  /reduce the length of the (?:messages|prompt)/i,
  /exceeds? the (?:model'?s? )?max(?:imum)? (?:context|input|number of tokens)/i,
];

/** Whether a provider's error message says the prompt does not fit the model's context window. */
export function isContextWindowMessage(message: string): boolean {
  return PATTERNS.some((pattern) => pattern.test(message));
}
