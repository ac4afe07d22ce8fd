/**
 * The status messages `streamify` streams around tool, LM and module calls (DSPy's `StatusMessageProvider`). Extend it
 * and override a method to change or add a message; a method that returns nothing (or an empty string) streams none.
 * The defaults are DSPy's: a message before and after each tool call, none for modules and LMs.
 *
 * @example
 * class Progress extends StatusMessageProvider {
 *   override lmStartStatusMessage() { return "Asking the model..."; }
 * }
 * const stream = streamify(program, { statusMessageProvider: new Progress() });
 */
export class StatusMessageProvider {
  /** Before a `Tool` runs. */
  toolStartStatusMessage(instance: { name?: unknown }, _inputs: Record<string, unknown>): string | undefined {
    return `Calling tool ${String(instance.name)}...`;
  }

  /** After a `Tool` ran. */
  toolEndStatusMessage(_outputs: unknown): string | undefined {
    return "Tool calling finished! Querying the LLM with tool calling results...";
  }

  /** Before a module (or `Predict`) runs. */
  moduleStartStatusMessage(_instance: object, _inputs: Record<string, unknown>): string | undefined {
    return undefined;
  }

  /** After a module (or `Predict`) ran. */
  moduleEndStatusMessage(_outputs: unknown): string | undefined {
    return undefined;
  }

  /** Before an LM call. */
  lmStartStatusMessage(_instance: object, _inputs: Record<string, unknown>): string | undefined {
    return undefined;
  }

  /** After an LM call. */
  lmEndStatusMessage(_outputs: unknown): string | undefined {
    return undefined;
  }
}
