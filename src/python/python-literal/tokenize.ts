import { PythonSyntaxError } from "../../errors/python-syntax-error.js";

/**
 * A tokenizer for Python expressions in `eval` mode (what `ast.parse(text, mode="eval")` reads):
 * names, numbers, string literals (with prefixes), operators, and NEWLINE/END; comments, blank
 * lines, line continuations and newlines inside brackets are dropped. An indented line gives an
 * `indent` token (which the parser rejects). A tokenizer error (bad number, unterminated string,
 * unbalanced bracket, stray character) ends the stream with an `error` token: like CPython's lazy
 * tokenizer, it only surfaces if the parser gets that far, or when the parser fails generically.
 */

export type TokenKind = "name" | "number" | "string" | "op" | "newline" | "indent" | "error" | "end";

export interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based line of the token's first character. */
  line: number;
  /** For strings: the lower-cased prefix (`""`, `"r"`, `"b"`, `"rb"`, `"f"`, ...). */
  prefix?: string;
  /** For strings: the text between the quotes. */
  body?: string;
  /** For `error` tokens: what the tokenizer found wrong (it stops there). */
  error?: PythonSyntaxError;
  /** For `error` tokens: the error is the text ending inside brackets (only the parser reaching it reports it). */
  atEnd?: boolean;
}

const OPERATORS = [
  "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=",
  "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=",
  "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "=",
];
/** `OPERATORS` by first character, in the same order (longest first), so a token tries only those that can match. */
const OPERATORS_BY_FIRST: ReadonlyMap<string, readonly string[]> = new Map(
  [...new Set(OPERATORS.map((op) => op[0] as string))].map((first) => [first, OPERATORS.filter((op) => op.startsWith(first))]),
);
const STRING_PREFIXES = new Set(["r", "u", "b", "br", "rb", "f", "fr", "rf"]);
const CLOSING: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
/** CPython's tokenizer limit on open brackets. */
const MAX_NESTING = 200;
const KEYWORDS_AFTER_NUMBER = ["and", "else", "for", "if", "in", "is", "not", "or"];

const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /[\p{ID_Continue}_]/u;
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function isIdStart(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  return ID_START.test(ch);
}

function isIdContinue(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || (code >= 48 && code <= 57);
  return ID_CONTINUE.test(ch);
}

/** ASCII letters, digits and `_` (what CPython checks right after a number). */
function isAsciiIdChar(ch: string | undefined): boolean {
  return ch !== undefined && /^[A-Za-z0-9_]$/.test(ch);
}

function codePointLabel(ch: string): string {
  return `U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}`;
}

class Tokenizer {
  private readonly text: string;
  private pos = 0;
  private line = 1;
  private readonly brackets: { ch: string; line: number }[] = [];
  readonly tokens: Token[] = [];

  constructor(text: string) {
    this.text = text;
  }

  private fail(msg: string, line = this.line): never {
    throw new PythonSyntaxError(msg, { lineno: line });
  }

  private push(kind: TokenKind, text: string, extra?: Partial<Token>): void {
    const token: Token = { kind, text, line: this.line };
    this.tokens.push(extra === undefined ? token : Object.assign(token, extra));
  }

  run(): Token[] {
    try {
      this.scan();
    } catch (error) {
      if (!(error instanceof PythonSyntaxError)) throw error;
      this.tokens.push({ kind: "error", text: "", line: error.lineno ?? this.line, error });
    }
    return this.tokens;
  }

  private scan(): void {
    this.startLogicalLine();
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos] as string;
      if (ch === " " || ch === "\t" || ch === "\f") {
        this.pos++;
      } else if (ch === "#") {
        while (this.pos < this.text.length && this.text[this.pos] !== "\n") this.pos++;
      } else if (ch === "\n") {
        this.pos++;
        this.line++;
        if (this.brackets.length === 0) {
          const last = this.tokens[this.tokens.length - 1];
          if (last !== undefined && last.kind !== "newline") this.push("newline", "", { line: this.line - 1 });
          this.startLogicalLine();
        }
      } else if (ch === "\\") {
        const next = this.text[this.pos + 1];
        if (next === "\n") {
          this.pos += 2;
          this.line++;
          if (this.pos >= this.text.length) this.fail("unexpected EOF while parsing", this.line - 1);
        } else {
          this.fail("unexpected character after line continuation character");
        }
      } else {
        this.token(ch);
      }
    }
    if (this.brackets.length > 0) {
      const open = this.brackets[this.brackets.length - 1] as { ch: string; line: number };
      const error = new PythonSyntaxError(`'${open.ch}' was never closed`, { lineno: open.line });
      this.tokens.push({ kind: "error", text: "", line: this.line, error, atEnd: true });
      return;
    }
    const last = this.tokens[this.tokens.length - 1];
    if (last !== undefined && last.kind !== "newline") this.push("newline", "");
    this.push("end", "");
  }

  /** At the start of a logical line: indentation is an error unless the line is blank or a comment. */
  private startLogicalLine(): void {
    for (;;) {
      let indent = 0;
      let i = this.pos;
      for (; i < this.text.length; i++) {
        const ch = this.text[i];
        if (ch === " " || ch === "\t") indent++;
        else if (ch === "\f") indent = 0;
        else break;
      }
      const next = this.text[i];
      if (next === "\n") {
        this.pos = i + 1;
        this.line++;
        continue;
      }
      if (next === "\\" && this.text[i + 1] === "\n") {
        // A continuation right at the line start: the next line's indentation counts.
        this.pos = i + 2;
        this.line++;
        continue;
      }
      if (next === "#") {
        this.pos = i;
        return;
      }
      // (CPython reports a stray backslash there before the indentation.)
      if (indent > 0 && next !== "\\") this.push("indent", "");
      this.pos = i;
      return;
    }
  }

  private token(ch: string): void {
    const code = ch.charCodeAt(0);
    if ((code >= 48 && code <= 57) || (ch === "." && /[0-9]/.test(this.text[this.pos + 1] ?? ""))) {
      this.number();
      return;
    }
    if (ch === "'" || ch === '"') {
      this.string("");
      return;
    }
    // Only a high surrogate starts a code point of two units.
    const cp = code >= 0xd800 && code <= 0xdbff ? String.fromCodePoint(this.text.codePointAt(this.pos) as number) : ch;
    if (isIdStart(cp)) {
      this.name();
      return;
    }
    for (const op of OPERATORS_BY_FIRST.get(ch) ?? []) {
      if (this.text.startsWith(op, this.pos)) {
        this.operator(op);
        return;
      }
    }
    if (code < 128) this.fail("invalid syntax");
    if (NON_PRINTABLE.test(cp)) this.fail(`invalid non-printable character ${codePointLabel(cp)}`);
    this.fail(`invalid character '${cp}' (${codePointLabel(cp)})`);
  }

  private operator(op: string): void {
    if (op === "(" || op === "[" || op === "{") {
      if (this.brackets.length >= MAX_NESTING) this.fail("too many nested parentheses");
      this.brackets.push({ ch: op, line: this.line });
    } else if (op in CLOSING) {
      const open = this.brackets.pop();
      if (open === undefined) this.fail(`unmatched '${op}'`);
      if (open.ch !== CLOSING[op]) {
        const where = open.line === this.line ? "" : ` on line ${open.line}`;
        this.fail(`closing parenthesis '${op}' does not match opening parenthesis '${open.ch}'${where}`);
      }
    }
    this.push("op", op);
    this.pos += op.length;
  }

  private name(): void {
    const start = this.pos;
    while (this.pos < this.text.length) {
      const cp = String.fromCodePoint(this.text.codePointAt(this.pos) as number);
      if (!isIdContinue(cp)) {
        if (cp.charCodeAt(0) >= 128 && !NON_PRINTABLE.test(cp)) this.fail(`invalid character '${cp}' (${codePointLabel(cp)})`);
        if (cp.charCodeAt(0) >= 128) this.fail(`invalid non-printable character ${codePointLabel(cp)}`);
        break;
      }
      this.pos += cp.length;
    }
    const word = this.text.slice(start, this.pos);
    const next = this.text[this.pos];
    if ((next === "'" || next === '"') && STRING_PREFIXES.has(word.toLowerCase())) {
      this.pos = start;
      this.string(word.toLowerCase());
      return;
    }
    this.tokens.push({ kind: "name", text: word, line: this.line });
  }

  private string(prefix: string): void {
    const start = this.pos;
    const startLine = this.line;
    this.pos += prefix.length;
    const quote = this.text[this.pos] as string;
    const triple = this.text.startsWith(quote.repeat(3), this.pos);
    const delimiter = triple ? quote.repeat(3) : quote;
    this.pos += delimiter.length;
    const bodyStart = this.pos;
    for (;;) {
      if (this.pos >= this.text.length) {
        const kind = triple ? "unterminated triple-quoted string literal" : "unterminated string literal";
        this.fail(`${kind} (detected at line ${this.line})`, startLine);
      }
      const ch = this.text[this.pos];
      if (ch === "\\") {
        if (this.text[this.pos + 1] === "\n") this.line++;
        this.pos += 2;
        continue;
      }
      if (ch === "\n") {
        if (!triple) this.fail(`unterminated string literal (detected at line ${this.line})`, startLine);
        this.line++;
      }
      if (this.text.startsWith(delimiter, this.pos)) break;
      this.pos++;
    }
    const body = this.text.slice(bodyStart, this.pos);
    this.pos += delimiter.length;
    this.tokens.push({ kind: "string", text: this.text.slice(start, this.pos), line: startLine, prefix, body });
  }

  /** After a number: a letter or digit glued to it is an error, except the start of a keyword (`1if x else y`). */
  private endOfNumber(kind: string): void {
    const ch = this.text[this.pos];
    if (ch === undefined) return;
    if (KEYWORDS_AFTER_NUMBER.some((word) => this.text.startsWith(word, this.pos))) return;
    if (isAsciiIdChar(ch)) this.fail(`invalid ${kind} literal`);
  }

  private digits(allowed: RegExp, kind: string): string {
    let out = "";
    for (;;) {
      const ch = this.text[this.pos];
      if (ch !== undefined && allowed.test(ch)) {
        out += ch;
        this.pos++;
      } else if (ch === "_") {
        this.pos++;
        const next = this.text[this.pos];
        if (next === undefined || !allowed.test(next)) this.fail(`invalid ${kind} literal`);
      } else {
        return out;
      }
    }
  }

  private number(): void {
    const start = this.pos;
    const text = this.text;
    const radix = text[this.pos] === "0" ? (text[this.pos + 1] ?? "").toLowerCase() : "";
    if (radix === "x" || radix === "o" || radix === "b") {
      this.pos += 2;
      const kind = radix === "x" ? "hexadecimal" : radix === "o" ? "octal" : "binary";
      const allowed = radix === "x" ? /[0-9a-fA-F]/ : radix === "o" ? /[0-7]/ : /[01]/;
      if (text[this.pos] === "_") this.pos++;
      const digits = this.digits(allowed, kind);
      const next = text[this.pos];
      if (radix !== "x" && next !== undefined && /[0-9]/.test(next)) this.fail(`invalid digit '${next}' in ${kind} literal`);
      if (digits === "") this.fail(`invalid ${kind} literal`);
      this.endOfNumber(kind);
      this.push("number", text.slice(start, this.pos));
      return;
    }
    if (text[this.pos] !== ".") {
      const intPart = this.digits(/[0-9]/, "decimal");
      const next = text[this.pos];
      const continues = next === "." || next === "e" || next === "E" || next === "j" || next === "J";
      if (!continues && intPart.length > 1 && intPart[0] === "0" && /[1-9]/.test(intPart)) {
        this.fail("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
      }
    }
    if (text[this.pos] === ".") {
      this.pos++;
      if (/[0-9]/.test(text[this.pos] ?? "")) this.digits(/[0-9]/, "decimal");
      else if (text[this.pos] === "_") this.fail("invalid decimal literal");
    }
    const e = text[this.pos];
    if (e === "e" || e === "E") {
      const save = this.pos;
      this.pos++;
      if (text[this.pos] === "+" || text[this.pos] === "-") {
        this.pos++;
        if (!/[0-9]/.test(text[this.pos] ?? "")) this.fail("invalid decimal literal");
      } else if (!/[0-9]/.test(text[this.pos] ?? "")) {
        this.pos = save;
        this.endOfNumber("decimal");
        this.push("number", text.slice(start, this.pos));
        return;
      }
      this.digits(/[0-9]/, "decimal");
    }
    if (text[this.pos] === "j" || text[this.pos] === "J") {
      this.pos++;
      this.endOfNumber("imaginary");
    } else {
      this.endOfNumber("decimal");
    }
    this.push("number", text.slice(start, this.pos));
  }
}

/** Tokenizes `text` (newlines already normalised to `\n`). */
export function tokenizePython(text: string): Token[] {
  return new Tokenizer(text).run();
}
