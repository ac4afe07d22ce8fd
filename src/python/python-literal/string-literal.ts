import { PythonSyntaxError } from "../../errors/python-syntax-error.js";
import type { Token } from "./python-tokenizer.js";

/**
 * One string literal token, decoded: text (`str`), bytes (appended to the caller's array: adjacent literals
 * concatenate), or an f-string (which literal_eval rejects).
 */
export type StringPiece =
  | { kind: "str"; value: string; unsupportedEscape: boolean }
  | { kind: "bytes" }
  | { kind: "fstring" };

/** Placeholder for a `\N{...}` escape (Unicode names are not available in JavaScript). */
const NAME_ESCAPE = /^\{[^}\n]+\}/;

const SIMPLE: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };
const HEX = /^[0-9a-fA-F]$/;
const FSTRING_PAIRS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
const OCTAL = /^[0-7]$/;

function unicodeError(token: Token, start: number, end: number, what: string): never {
  throw new PythonSyntaxError(`(unicode error) 'unicodeescape' codec can't decode bytes in position ${start}-${end}: ${what}`, {
    lineno: token.line,
  });
}

/** Reads up to `max` characters matching `pattern` from `at`. */
function run(body: string, at: number, pattern: RegExp, max: number): string {
  let out = "";
  while (out.length < max && at + out.length < body.length && pattern.test(body[at + out.length] as string)) out += body[at + out.length];
  return out;
}

/**
 * Decodes the escapes of a non-raw `str` literal body (CPython's `unicode_escape` rules). A
 * well-formed `\N{name}` is kept as written and reported, since Unicode names cannot be resolved.
 */
function decodeStr(token: Token, body: string): { value: string; unsupportedEscape: boolean } {
  let out = "";
  let unsupportedEscape = false;
  let i = 0;
  while (i < body.length) {
    const slash = body.indexOf("\\", i);
    if (slash < 0) {
      out += body.slice(i);
      break;
    }
    out += body.slice(i, slash);
    const ch = body[slash + 1] as string;
    i = slash + 2;
    if (ch === "\n") continue;
    if (ch in SIMPLE) {
      out += SIMPLE[ch];
    } else if (OCTAL.test(ch)) {
      const digits = ch + run(body, i, OCTAL, 2);
      out += String.fromCodePoint(parseInt(digits, 8));
      i = slash + 1 + digits.length;
    } else if (ch === "x" || ch === "u" || ch === "U") {
      const width = ch === "x" ? 2 : ch === "u" ? 4 : 8;
      const hex = run(body, i, HEX, width);
      if (hex.length < width) {
        const label = ch === "x" ? "\\xXX" : ch === "u" ? "\\uXXXX" : "\\UXXXXXXXX";
        unicodeError(token, slash, slash + 1 + hex.length, `truncated ${label} escape`);
      }
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) unicodeError(token, slash, slash + 1 + width, "illegal Unicode character");
      out += code >= 0xd800 && code <= 0xdfff ? String.fromCharCode(code) : String.fromCodePoint(code);
      i += width;
    } else if (ch === "N") {
      const name = NAME_ESCAPE.exec(body.slice(i));
      if (name === null) unicodeError(token, slash, slash + 1, "malformed \\N character escape");
      out += `\\N${name[0]}`;
      unsupportedEscape = true;
      i += name[0].length;
    } else {
      out += `\\${ch}`;
    }
  }
  return { value: out, unsupportedEscape };
}

/** Appends the code units of an ASCII text to `out`. */
function pushCodes(out: number[], text: string): void {
  for (let k = 0; k < text.length; k++) out.push(text.charCodeAt(k));
}

/** Decodes a `bytes` literal body onto `out` (non-raw: `\xHH`, octal and the simple escapes; `\u` stays literal). */
function decodeBytes(token: Token, body: string, raw: boolean, out: number[]): void {
  for (let k = 0; k < body.length; k++) {
    if (body.charCodeAt(k) > 127) throw new PythonSyntaxError("bytes can only contain ASCII literal characters", { lineno: token.line });
  }
  if (raw) {
    pushCodes(out, body);
    return;
  }
  let i = 0;
  while (i < body.length) {
    const ch = body[i] as string;
    if (ch !== "\\") {
      out.push(ch.charCodeAt(0));
      i++;
      continue;
    }
    const esc = body[i + 1] as string;
    i += 2;
    if (esc === "\n") continue;
    if (esc in SIMPLE) {
      pushCodes(out, SIMPLE[esc] as string);
    } else if (OCTAL.test(esc)) {
      const digits = esc + run(body, i, OCTAL, 2);
      out.push(parseInt(digits, 8) & 0xff);
      i += digits.length - 1;
    } else if (esc === "x") {
      const hex = run(body, i, HEX, 2);
      if (hex.length < 2) throw new PythonSyntaxError(`(value error) invalid \\x escape at position ${i - 2}`, { lineno: token.line });
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      pushCodes(out, `\\${esc}`);
    }
  }
}

/** Checks an f-string body's braces the way CPython 3.11 does before it would build a `JoinedStr`. */
function checkFString(token: Token, body: string): void {
  function fail(msg: string): never {
    throw new PythonSyntaxError(msg, { lineno: token.line });
  }
  let i = 0;
  while (i < body.length) {
    const ch = body[i];
    if (ch === "{" && body[i + 1] === "{") {
      i += 2;
    } else if (ch === "}") {
      if (body[i + 1] !== "}") fail("f-string: single '}' is not allowed");
      i += 2;
    } else if (ch === "{") {
      const open: string[] = [];
      let j = i + 1;
      let quote: string | undefined;
      for (; j < body.length; j++) {
        const c = body[j] as string;
        if (quote !== undefined) {
          if (c === quote) quote = undefined;
          continue;
        }
        if (c === "\\") fail("f-string expression part cannot include a backslash");
        if (c === "#") fail("f-string expression part cannot include '#'");
        if (c === "'" || c === '"') quote = c;
        else if (c === "(" || c === "[" || c === "{") open.push(c);
        else if (c === "}" && open.length === 0) break;
        else if (c === ")" || c === "]" || c === "}") {
          const opener = open.pop();
          if (opener === undefined) fail(`f-string: unmatched '${c}'`);
          if (FSTRING_PAIRS[opener] !== c) fail(`f-string: closing parenthesis '${c}' does not match opening parenthesis '${opener}'`);
        }
      }
      if (j >= body.length) fail("f-string: expecting '}'");
      if (body.slice(i + 1, j).trim() === "") fail("f-string: empty expression not allowed");
      i = j + 1;
    } else {
      i++;
    }
  }
}

/** Decodes one string token according to its prefix. */
export function decodeStringToken(token: Token, bytes: number[]): StringPiece {
  const prefix = token.prefix ?? "";
  const body = token.body ?? "";
  const raw = prefix.includes("r");
  if (prefix.includes("f")) {
    checkFString(token, body);
    return { kind: "fstring" };
  }
  if (prefix.includes("b")) {
    decodeBytes(token, body, raw, bytes);
    return { kind: "bytes" };
  }
  if (raw || !body.includes("\\")) return { kind: "str", value: body, unsupportedEscape: false };
  return { kind: "str", ...decodeStr(token, body) };
}
