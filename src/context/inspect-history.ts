import { formatHistory } from "./format-history.js";
import { globalHistory } from "./settings.js";

/**
 * Prints the last `n` LM calls of any LM (DSPy's `dspy.inspect_history`) and returns the printed text. This is the
 * one library function that writes to standard output by default, because printing is what the caller asks of it (as
 * in DSPy); `write` sends the text elsewhere (e.g. `{ write: (t) => process.stderr.write(t) }`), and the returned
 * text serves a caller who wants no output at all (`{ write: () => {} }`). Colours are used when writing to a terminal.
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
