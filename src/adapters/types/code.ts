import { CustomType } from "./custom-type.js";

/**
 * DSPy's `_filter_code`: the body of the first fenced block (```` ```lang\n…``` ````), else of the first inline one
 * (```` ```…``` ````), else the text as given. Python's regexes (`` ```[^\n]*\n(.*?)``` `` and `` ```(.*?)``` ``, DOTALL)
 * only ever match from the first ```` ``` ````: from a later one, the newline and closing fence they need come later
 * still. So one `indexOf` chain finds the same match in linear time (the regex retried every fence to the end).
 */
export function filterCode(text: string): string {
  const open = text.indexOf("```");
  if (open === -1) return text;
  const newline = text.indexOf("\n", open + 3);
  const fencedClose = newline === -1 ? -1 : text.indexOf("```", newline + 1);
  if (fencedClose !== -1) return text.slice(newline + 1, fencedClose).trim();
  const inlineClose = text.indexOf("```", open + 3);
  if (inlineClose !== -1) return text.slice(open + 3, inlineClose).trim();
  return text;
}

/**
 * Source code (`dspy.Code`, `dspy.Code["java"]`): rendered as the bare code; parsed from a fenced block.
 *
 * @example
 * const code = new Code("print(1)", "python");
 */
export class Code extends CustomType {
  readonly typeName = "Code";
  readonly code: string;
  readonly language: string;

  constructor(code: string, language = "python") {
    super();
    this.code = code;
    this.language = language;
  }

  /** DSPy's `Code` validation from a string (fences stripped). */
  static fromText(text: string, language = "python"): Code {
    return new Code(filterCode(text), language);
  }

  /** The type description DSPy adds to the field list. */
  static description(language = "python"): string {
    return (
      "Code represented in a string, specified in the `code` field. If this is an output field, the code " +
      `field should follow the markdown code block format, e.g. \n\`\`\`${language.toLowerCase()}\n{code}\n\`\`\`` +
      `\nProgramming language: ${language}`
    );
  }

  format(): string {
    return this.code;
  }

  override toString(): string {
    return this.code;
  }
}
