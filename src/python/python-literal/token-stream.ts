import { PythonSyntaxError } from "../../errors/python-syntax-error.js";
import type { PyNode } from "./ast-node.js";
import type { PythonTokenizer, Token } from "./python-tokenizer.js";

/** Python's hard keywords (soft ones such as `match` are names). */
export const KEYWORDS: ReadonlySet<string> = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
  "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]);

/** The keywords and operators an expression can start with. */
const EXPRESSION_KEYWORDS: ReadonlySet<string> = new Set(["True", "False", "None", "not", "lambda", "await"]);
const EXPRESSION_OPERATORS: ReadonlySet<string> = new Set(["(", "[", "{", "-", "+", "~", "..."]);

/** A node literal_eval only needs the class name and line of. */
export function otherNode(pyClass: string, line: number): PyNode {
  return { kind: "Other", pyClass, line };
}

/**
 * A cursor over the tokens, pulled from the tokenizer as the parser reads them, with CPython's rules for which
 * syntax error to report.
 */
/** How far a parser may look ahead: the current token and four more (`-1+2j,` is five tokens). */
type LookAhead = 0 | 1 | 2 | 3 | 4;
/** The ring's size: a power of two above the look-ahead. */
const LOOK_AHEAD_SLOTS = 8;

export abstract class TokenStream {
  /** Tokens looked at and not yet moved past: the current one first (a ring of `LOOK_AHEAD_SLOTS`). */
  private readonly ahead: Token[] = new Array<Token>(LOOK_AHEAD_SLOTS);
  /** Where the current token sits in `ahead`. */
  private first = 0;
  /** How many tokens `ahead` holds. */
  private held = 0;
  /** A string used a `\N{...}` escape, which tsdspy cannot resolve. */
  unsupportedEscape = false;
  constructor(private readonly tokenizer: PythonTokenizer) {}

  protected get tok(): Token {
    return this.peek(0);
  }

  /** The current token (`offset` 0) or one of the four after it; past the stream's end, its last token. */
  protected peek(offset: LookAhead): Token {
    while (this.held <= offset) {
      this.ahead[(this.first + this.held) & (LOOK_AHEAD_SLOTS - 1)] = this.tokenizer.next();
      this.held++;
    }
    return this.ahead[(this.first + offset) & (LOOK_AHEAD_SLOTS - 1)] as Token;
  }

  /** Moves past `count` tokens. */
  protected advance(count = 1): void {
    for (let k = 0; k < count; k++) {
      if (this.held > 0) {
        this.first = (this.first + 1) & (LOOK_AHEAD_SLOTS - 1);
        this.held--;
      }
      if (this.held === 0) {
        this.ahead[this.first] = this.tokenizer.next();
        this.held = 1;
      }
    }
  }

  /**
   * Raises the syntax error for the current token. Like CPython: a tokenizer error token raises its
   * own error; an `indent` token is an IndentationError; a generic "invalid syntax" gives way to a
   * tokenizer error found later in the text (so only then is the rest of the text scanned).
   */
  protected fail(msg = "invalid syntax", line = this.tok.line): never {
    const t = this.tok;
    if (t.kind === "error") throw t.error as PythonSyntaxError;
    if (t.kind === "indent") throw new PythonSyntaxError("unexpected indent", { lineno: t.line, pythonType: "IndentationError" });
    if (msg === "invalid syntax") {
      const seen = this.held > 1 ? this.peek(1) : t;
      const last = seen.kind === "end" || seen.kind === "error" ? seen : this.tokenizer.finish();
      if (last.kind === "error" && last.atEnd !== true) throw last.error as PythonSyntaxError;
    }
    throw new PythonSyntaxError(msg, { lineno: line });
  }

  protected isOp(text: string, offset: 0 | 1 = 0): boolean {
    const t = this.peek(offset);
    return t.kind === "op" && t.text === text;
  }

  protected isWord(word: string, offset: 0 | 1 = 0): boolean {
    const t = this.peek(offset);
    return t.kind === "name" && t.text === word;
  }

  protected eatOp(text: string): boolean {
    if (!this.isOp(text)) return false;
    this.advance();
    return true;
  }

  protected expectOp(text: string): void {
    if (!this.eatOp(text)) this.fail();
  }

  protected eatWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.advance();
    return true;
  }

  /** Whether the current token can start an expression. */
  protected startsExpression(): boolean {
    const t = this.tok;
    if (t.kind === "number" || t.kind === "string") return true;
    if (t.kind === "name") return !KEYWORDS.has(t.text) || EXPRESSION_KEYWORDS.has(t.text);
    return t.kind === "op" && EXPRESSION_OPERATORS.has(t.text);
  }
}
