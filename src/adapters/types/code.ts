import { CustomType } from "./custom-type.js";

/** DSPy's `_filter_code`: the body of the first fenced block, else the text as given. */
export function filterCode(text: string): string {
  const fenced = /```[^\n]*\n([\s\S]*?)```/.exec(text);
  if (fenced) return (fenced[1] as string).trim();
  const inline = /```([\s\S]*?)```/.exec(text);
  if (inline) return (inline[1] as string).trim();
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
