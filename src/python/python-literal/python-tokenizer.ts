import { PythonSyntaxError } from "../../errors/python-syntax-error.js";

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
/** `OPERATORS` by the code of their first character, longest first, so a token tries only those that can match. */
const OPERATORS_BY_FIRST: ReadonlyArray<readonly string[] | undefined> = Array.from({ length: 128 }, (_, code) => {
  const ops = OPERATORS.filter((op) => op.charCodeAt(0) === code);
  return ops.length > 0 ? ops : undefined;
});
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
  if (code < 128) return isAsciiIdCode(code);
  return ID_CONTINUE.test(ch);
}

/** ASCII letters, digits and `_` (what CPython checks right after a number); `NaN` (past the end) is none. */
function isAsciiIdCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || (code >= 48 && code <= 57);
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isHexCode(code: number): boolean {
  return isDigitCode(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

function isOctalCode(code: number): boolean {
  return code >= 48 && code <= 55;
}

function isBinaryCode(code: number): boolean {
  return code === 48 || code === 49;
}

function codePointLabel(ch: string): string {
  return `U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** An open bracket: its character and line. */
interface OpenBracket {
  ch: string;
  line: number;
}

/**
 * A lazy tokenizer for Python expressions in `eval` mode (what `ast.parse(text, mode="eval")` reads): names,
 * numbers, string literals (with prefixes), operators, and NEWLINE/END; comments, blank lines, line continuations
 * and newlines inside brackets are dropped. An indented line gives an `indent` token (which the parser rejects).
 * A tokenizer error (bad number, unterminated string, unbalanced bracket, stray character) ends the stream with an
 * `error` token. Like CPython's tokenizer, it reads only as far as the parser asks (`next`), so a parser that
 * stops early never scans the rest; `finish` scans the rest without building tokens, for the error that CPython
 * reports in place of a generic syntax error.
 */
export class PythonTokenizer {
  private pos = 0;
  private line = 1;
  private started = false;
  private readonly brackets: OpenBracket[] = [];
  /** Tokens found but not yet handed out (a NEWLINE can be followed by an INDENT in one step). */
  private readonly queue: Token[] = [];
  /** The kind of the last token found (kept or not), or null before the first. */
  private lastKind: TokenKind | null = null;
  /** The `end` or `error` token, once reached: every later `next` returns it. */
  private final: Token | null = null;
  /** Whether found tokens are built (false once `finish` only looks for an error). */
  private keep = true;

  /** @param text The source, newlines already normalised to `\n`. */
  constructor(private readonly text: string) {}

  /** The next token; after the stream's `end` or `error` token, that token again. */
  next(): Token {
    while (this.queue.length === 0) {
      if (this.final !== null) return this.final;
      this.step();
    }
    return this.queue.shift() as Token;
  }

  /** Scans the rest of the text without building tokens; returns the stream's last token (`end` or `error`). */
  finish(): Token {
    this.keep = false;
    this.queue.length = 0;
    if (this.final === null) this.step();
    try {
      while (this.final === null) this.scan();
    } catch (error) {
      if (!(error instanceof PythonSyntaxError)) throw error;
      this.final = { kind: "error", text: "", line: error.lineno ?? this.line, error };
    }
    return this.final as Token;
  }

  private fail(msg: string, line = this.line): never {
    throw new PythonSyntaxError(msg, { lineno: line });
  }

  private emit(kind: TokenKind, start: number, end: number, line = this.line): void {
    this.lastKind = kind;
    if (this.keep) this.queue.push({ kind, text: this.text.slice(start, end), line });
  }

  /** Finds at least one token, or the end, or an error. */
  private step(): void {
    try {
      if (this.started) this.scan();
      else {
        this.started = true;
        this.startLogicalLine();
      }
    } catch (error) {
      if (!(error instanceof PythonSyntaxError)) throw error;
      this.final = { kind: "error", text: "", line: error.lineno ?? this.line, error };
    }
  }

  /** Skips blanks, comments and continuations up to the next token (then reads it), or to the end. */
  private scan(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const code = text.charCodeAt(this.pos);
      if (code === 32 || code === 9 || code === 12) {
        this.pos++;
      } else if (code === 35) {
        const eol = text.indexOf("\n", this.pos);
        this.pos = eol < 0 ? text.length : eol;
      } else if (code === 10) {
        this.pos++;
        this.line++;
        if (this.brackets.length === 0) {
          if (this.lastKind !== null && this.lastKind !== "newline") this.emit("newline", 0, 0, this.line - 1);
          this.startLogicalLine();
          if (this.queue.length > 0) return;
        }
      } else if (code === 92) {
        if (text.charCodeAt(this.pos + 1) === 10) {
          this.pos += 2;
          this.line++;
          if (this.pos >= text.length) this.fail("unexpected EOF while parsing", this.line - 1);
        } else {
          this.fail("unexpected character after line continuation character");
        }
      } else {
        this.token(code);
        return;
      }
    }
    if (this.brackets.length > 0) {
      const open = this.brackets[this.brackets.length - 1] as OpenBracket;
      const error = new PythonSyntaxError(`'${open.ch}' was never closed`, { lineno: open.line });
      this.final = { kind: "error", text: "", line: this.line, error, atEnd: true };
      return;
    }
    if (this.lastKind !== null && this.lastKind !== "newline") this.emit("newline", 0, 0);
    this.final = { kind: "end", text: "", line: this.line };
  }

  /** At the start of a logical line: indentation is an error unless the line is blank or a comment. */
  private startLogicalLine(): void {
    const text = this.text;
    for (;;) {
      let indent = 0;
      let i = this.pos;
      for (; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === 32 || code === 9) indent++;
        else if (code === 12) indent = 0;
        else break;
      }
      const next = text.charCodeAt(i);
      if (next === 10) {
        this.pos = i + 1;
        this.line++;
        continue;
      }
      if (next === 92 && text.charCodeAt(i + 1) === 10) {
        // A continuation right at the line start: the next line's indentation counts.
        this.pos = i + 2;
        this.line++;
        continue;
      }
      if (next === 35) {
        this.pos = i;
        return;
      }
      // (CPython reports a stray backslash there before the indentation.)
      if (indent > 0 && next !== 92) this.emit("indent", i, i);
      this.pos = i;
      return;
    }
  }

  private token(code: number): void {
    const text = this.text;
    if (isDigitCode(code) || (code === 46 && isDigitCode(text.charCodeAt(this.pos + 1)))) {
      this.number();
      return;
    }
    if (code === 39 || code === 34) {
      this.string(this.pos, "");
      return;
    }
    if (code < 128) {
      if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95) {
        this.name();
        return;
      }
      const op = this.operatorAt(code);
      if (op !== undefined) {
        this.operator(op);
        return;
      }
      this.fail("invalid syntax");
    }
    // Only a high surrogate starts a code point of two units.
    const cp = code >= 0xd800 && code <= 0xdbff ? String.fromCodePoint(text.codePointAt(this.pos) as number) : (text[this.pos] as string);
    if (isIdStart(cp)) {
      this.name();
      return;
    }
    if (NON_PRINTABLE.test(cp)) this.fail(`invalid non-printable character ${codePointLabel(cp)}`);
    this.fail(`invalid character '${cp}' (${codePointLabel(cp)})`);
  }

  /** The longest operator at the read position, which starts with the character `code`. */
  private operatorAt(code: number): string | undefined {
    const text = this.text;
    for (const op of OPERATORS_BY_FIRST[code] ?? []) {
      if (op.length === 1) return op;
      if (text.charCodeAt(this.pos + 1) === op.charCodeAt(1) && (op.length === 2 || text.charCodeAt(this.pos + 2) === op.charCodeAt(2))) return op;
    }
    return undefined;
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
    this.lastKind = "op";
    if (this.keep) this.queue.push({ kind: "op", text: op, line: this.line });
    this.pos += op.length;
  }

  private name(): void {
    const text = this.text;
    const start = this.pos;
    while (this.pos < text.length) {
      const code = text.charCodeAt(this.pos);
      if (code < 128) {
        if (!isAsciiIdCode(code)) break;
        this.pos++;
        continue;
      }
      const cp = String.fromCodePoint(text.codePointAt(this.pos) as number);
      if (!isIdContinue(cp)) {
        if (!NON_PRINTABLE.test(cp)) this.fail(`invalid character '${cp}' (${codePointLabel(cp)})`);
        this.fail(`invalid non-printable character ${codePointLabel(cp)}`);
      }
      this.pos += cp.length;
    }
    const next = text.charCodeAt(this.pos);
    if ((next === 39 || next === 34) && this.pos - start <= 2) {
      const prefix = text.slice(start, this.pos).toLowerCase();
      if (STRING_PREFIXES.has(prefix)) {
        this.string(start, prefix);
        return;
      }
    }
    this.emit("name", start, this.pos);
  }

  /** A string literal at `start` (its prefix, already lower-cased, first). */
  private string(start: number, prefix: string): void {
    const text = this.text;
    const startLine = this.line;
    this.pos = start + prefix.length;
    const quote = text.charCodeAt(this.pos);
    const triple = text.charCodeAt(this.pos + 1) === quote && text.charCodeAt(this.pos + 2) === quote;
    const width = triple ? 3 : 1;
    this.pos += width;
    const bodyStart = this.pos;
    for (;;) {
      if (this.pos >= text.length) {
        const kind = triple ? "unterminated triple-quoted string literal" : "unterminated string literal";
        this.fail(`${kind} (detected at line ${this.line})`, startLine);
      }
      const code = text.charCodeAt(this.pos);
      if (code === 92) {
        if (text.charCodeAt(this.pos + 1) === 10) this.line++;
        this.pos += 2;
        continue;
      }
      if (code === 10) {
        if (!triple) this.fail(`unterminated string literal (detected at line ${this.line})`, startLine);
        this.line++;
      } else if (code === quote && (!triple || (text.charCodeAt(this.pos + 1) === quote && text.charCodeAt(this.pos + 2) === quote))) {
        break;
      }
      this.pos++;
    }
    const bodyEnd = this.pos;
    this.pos += width;
    this.lastKind = "string";
    if (this.keep) {
      const body = text.slice(bodyStart, bodyEnd);
      this.queue.push({ kind: "string", text: text.slice(start, this.pos), line: startLine, prefix, body });
    }
  }

  /** After a number: a letter or digit glued to it is an error, except the start of a keyword (`1if x else y`). */
  private endOfNumber(kind: string): void {
    if (!isAsciiIdCode(this.text.charCodeAt(this.pos))) return;
    if (KEYWORDS_AFTER_NUMBER.some((word) => this.text.startsWith(word, this.pos))) return;
    this.fail(`invalid ${kind} literal`);
  }

  /** Skips digits (`_` allowed between two) that `allowed` accepts. */
  private digits(allowed: (code: number) => boolean, kind: string): void {
    const text = this.text;
    for (;;) {
      const code = text.charCodeAt(this.pos);
      if (allowed(code)) {
        this.pos++;
      } else if (code === 95) {
        this.pos++;
        if (!allowed(text.charCodeAt(this.pos))) this.fail(`invalid ${kind} literal`);
      } else {
        return;
      }
    }
  }

  private number(): void {
    const start = this.pos;
    const text = this.text;
    const radix = text.charCodeAt(this.pos) === 48 ? text.charCodeAt(this.pos + 1) | 0x20 : 0;
    if (radix === 120 || radix === 111 || radix === 98) {
      this.pos += 2;
      const kind = radix === 120 ? "hexadecimal" : radix === 111 ? "octal" : "binary";
      const allowed = radix === 120 ? isHexCode : radix === 111 ? isOctalCode : isBinaryCode;
      if (text.charCodeAt(this.pos) === 95) this.pos++;
      const digitsStart = this.pos;
      this.digits(allowed, kind);
      const next = text.charCodeAt(this.pos);
      if (radix !== 120 && isDigitCode(next)) this.fail(`invalid digit '${text[this.pos]}' in ${kind} literal`);
      if (this.pos === digitsStart) this.fail(`invalid ${kind} literal`);
      this.endOfNumber(kind);
      this.emit("number", start, this.pos);
      return;
    }
    if (text.charCodeAt(this.pos) !== 46) {
      this.digits(isDigitCode, "decimal");
      const next = text.charCodeAt(this.pos);
      const continues = next === 46 || next === 101 || next === 69 || next === 106 || next === 74;
      if (!continues && text.charCodeAt(start) === 48 && /[1-9]/.test(text.slice(start, this.pos))) {
        this.fail("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
      }
    }
    if (text.charCodeAt(this.pos) === 46) {
      this.pos++;
      if (isDigitCode(text.charCodeAt(this.pos))) this.digits(isDigitCode, "decimal");
      else if (text.charCodeAt(this.pos) === 95) this.fail("invalid decimal literal");
    }
    const e = text.charCodeAt(this.pos);
    if (e === 101 || e === 69) {
      const save = this.pos;
      this.pos++;
      const sign = text.charCodeAt(this.pos);
      if (sign === 43 || sign === 45) {
        this.pos++;
        if (!isDigitCode(text.charCodeAt(this.pos))) this.fail("invalid decimal literal");
      } else if (!isDigitCode(sign)) {
        this.pos = save;
        this.endOfNumber("decimal");
        this.emit("number", start, this.pos);
        return;
      }
      this.digits(isDigitCode, "decimal");
    }
    const j = text.charCodeAt(this.pos);
    if (j === 106 || j === 74) {
      this.pos++;
      this.endOfNumber("imaginary");
    } else {
      this.endOfNumber("decimal");
    }
    this.emit("number", start, this.pos);
  }
}
