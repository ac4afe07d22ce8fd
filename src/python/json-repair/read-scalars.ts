import { parsePyFloat, parsePyInt } from "../python-number.js";
import { isPyAlpha } from "./py-chars.js";
import type { RepairCursor } from "./repair-cursor.js";

const NUMBER_CHARS = new Set("0123456789-.eE/,_");

/**
 * A number: the longest run of number-ish characters (`_` dropped; `,` ends it inside arrays).
 * Followed by a letter it was a word after all and is re-read as a string. A trailing `-`, `e`,
 * `/` or `,` is given back. Text with a `,`, or that Python's `int()`/`float()` rejects, stays a string.
 */
export function readNumber(p: RepairCursor): unknown {
  const inArray = p.current === "array";
  const plain = readPlainInteger(p, inArray);
  if (plain !== undefined) return plain;
  let text = "";
  for (let ch = p.at(); ch !== undefined && NUMBER_CHARS.has(ch) && !(inArray && ch === ","); ch = p.at()) {
    if (ch !== "_") text += ch;
    p.pos++;
  }
  if (isPyAlpha(p.at())) {
    p.pos -= text.length;
    return p.readString();
  }
  if (text !== "" && "-eE/,".includes(text[text.length - 1] as string)) {
    text = text.slice(0, -1);
    p.pos--;
  }
  if (text.includes(",")) return text;
  const value = /[.eE]/.test(text) ? parsePyFloat(text) : parsePyInt(text);
  return value === undefined ? text : value;
}

/**
 * The common case of `readNumber`, read without building its text: 1 to 15 ASCII digits followed by what ends a
 * number (not another number character, not a letter). Returns the int and moves past it, or `undefined` with the
 * position unchanged.
 */
function readPlainInteger(p: RepairCursor, inArray: boolean): number | undefined {
  let value = 0;
  let k = 0;
  let ch = p.at();
  while (ch !== undefined && ch >= "0" && ch <= "9") {
    if (++k > 15) return undefined;
    value = value * 10 + (ch.charCodeAt(0) - 48);
    ch = p.at(k);
  }
  if (k === 0) return undefined;
  if (ch !== undefined && ((NUMBER_CHARS.has(ch) && !(inArray && ch === ",")) || isPyAlpha(ch))) return undefined;
  p.pos += k;
  return value;
}

const LITERALS: Record<string, [string, boolean | null]> = { t: ["true", true], f: ["false", false], n: ["null", null] };

/**
 * `true`, `false` or `null` spelled in any case at the read position (a prefix of a longer word
 * counts); `""` with the position unchanged when the word does not match.
 */
export function readLiteralWord(p: RepairCursor): unknown {
  const entry = LITERALS[(p.at() ?? "").toLowerCase()];
  if (entry === undefined) return "";
  const [word, value] = entry;
  const start = p.pos;
  let i = 0;
  while (i < word.length && (p.at() ?? "").toLowerCase() === word[i]) {
    i++;
    p.pos++;
  }
  if (i === word.length) return value;
  p.pos = start;
  return "";
}

/**
 * Skips `#` and `//` line comments and `/* *\/` block comments (a `#` comment also stops at the
 * closers of the containers we are in). At top level the next value is read instead; inside a
 * container a comment reads as `""`.
 */
export function readComment(p: RepairCursor): unknown {
  for (;;) {
    const ch = p.at();
    if (ch === "#") {
      const stops = ["\n", "\r"];
      if (p.inContext("array")) stops.push("]");
      if (p.inContext("value")) stops.push("}");
      if (p.inContext("key")) stops.push(":");
      for (let c = p.at(); c !== undefined && !stops.includes(c); c = p.at()) p.pos++;
    } else if (ch === "/") {
      const next = p.at(1);
      if (next === "/") {
        p.pos += 2;
        for (let c = p.at(); c !== undefined && c !== "\n" && c !== "\r"; c = p.at()) p.pos++;
      } else if (next === "*") {
        p.pos += 2;
        // The opening "/*" counts: "/*/" is already closed (json_repair's reading).
        let previous = "*";
        for (let c = p.at(); c !== undefined; c = p.at()) {
          p.pos++;
          if (previous === "*" && c === "/") break;
          previous = c;
        }
      } else {
        p.pos++;
      }
    }
    if (p.contexts.length > 0) return "";
    p.skipSpaces();
    const next = p.at();
    if (next !== "#" && next !== "/") return p.readValue();
  }
}
