import { PythonSyntaxError } from "../../errors/python-syntax-error.js";
import type { PyNode } from "./ast-node.js";
import type { Token } from "./tokenize.js";

/** Python's hard keywords (soft ones such as `match` are names). */
export const KEYWORDS: ReadonlySet<string> = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
  "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]);

/** A node literal_eval only needs the class name and line of. */
export function otherNode(pyClass: string, line: number): PyNode {
  return { kind: "Other", pyClass, line };
}

/** A cursor over the tokens, with CPython's rules for which syntax error to report. */
export abstract class TokenStream {
  protected i = 0;
  /** A string used a `\N{...}` escape, which tsdspy cannot resolve. */
  unsupportedEscape = false;
  constructor(protected readonly tokens: Token[]) {}

  protected get tok(): Token {
    return this.tokens[this.i] as Token;
  }

  /**
   * Raises the syntax error for the current token. Like CPython: a tokenizer error token raises its
   * own error; an `indent` token is an IndentationError; a generic "invalid syntax" gives way to a
   * tokenizer error found later in the text.
   */
  protected fail(msg = "invalid syntax", line = this.tok.line): never {
    const t = this.tok;
    if (t.kind === "error") throw t.error as PythonSyntaxError;
    if (t.kind === "indent") throw new PythonSyntaxError("unexpected indent", { lineno: t.line, pythonType: "IndentationError" });
    if (msg === "invalid syntax") {
      const later = this.tokens.find((token, i) => i > this.i && token.kind === "error" && token.atEnd !== true);
      if (later !== undefined) throw later.error as PythonSyntaxError;
    }
    throw new PythonSyntaxError(msg, { lineno: line });
  }

  protected isOp(text: string, offset = 0): boolean {
    const t = this.tokens[this.i + offset];
    return t !== undefined && t.kind === "op" && t.text === text;
  }

  protected isWord(word: string, offset = 0): boolean {
    const t = this.tokens[this.i + offset];
    return t !== undefined && t.kind === "name" && t.text === word;
  }

  protected eatOp(text: string): boolean {
    if (!this.isOp(text)) return false;
    this.i++;
    return true;
  }

  protected expectOp(text: string): void {
    if (!this.eatOp(text)) this.fail();
  }

  protected eatWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.i++;
    return true;
  }

  /** Whether the current token can start an expression. */
  protected startsExpression(): boolean {
    const t = this.tok;
    if (t.kind === "number" || t.kind === "string") return true;
    if (t.kind === "name") return !KEYWORDS.has(t.text) || ["True", "False", "None", "not", "lambda", "await"].includes(t.text);
    return t.kind === "op" && ["(", "[", "{", "-", "+", "~", "..."].includes(t.text);
  }
}
