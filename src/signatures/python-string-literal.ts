import { SignatureError } from "../errors/signature-error.js";

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\", "'": "'", '"': '"', n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", a: "\x07", "0": "\0",
};

/** The value of a quoted Python string literal such as `'it\'s'` or `"a\nb"` (as used inside `Literal[...]`). */
export function pythonStringLiteralValue(quoted: string): string {
  const body = quoted.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = body[++i] ?? "";
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
    } else if (next === "x" || next === "u" || next === "U") {
      const len = next === "x" ? 2 : next === "u" ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new SignatureError(`Invalid escape in ${quoted}`);
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else {
      out += `\\${next}`;
    }
  }
  return out;
}
