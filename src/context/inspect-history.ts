import { formatHistory } from "./format-history.js";
import { globalHistory } from "./settings.js";

/**
 * Prints the last `n` LM calls of any LM (DSPy's `dspy.inspect_history`) and returns the printed text.
 * Colours are used when writing to a terminal.
 *
 * @example
 * await program.call({ question });
 * inspectHistory(1);
 */
export function inspectHistory(n = 1, options: { colors?: boolean; write?: (text: string) => void } = {}): string {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const text = formatHistory(globalHistory(), n, { colors: options.colors ?? (!options.write && process.stdout.isTTY === true) });
  write(text);
  return text;
}
