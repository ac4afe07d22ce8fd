/** Python's `str(exception)` for an error caught while parsing: the message alone. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
