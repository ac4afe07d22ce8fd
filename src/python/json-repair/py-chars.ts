/**
 * Python's `str` character classes for one code point (`str.isspace`, `isalpha`, `isalnum`, `isdigit`)
 * and `str.strip` family, which json_repair's heuristics are defined with. JavaScript's Unicode tables
 * are newer than Python 3.11's, so a handful of recently assigned letters differ; nothing ASCII does.
 */

import { isPySpace as isPyStrSpace } from "../py-str.js";

const LETTER = /^\p{L}$/u;
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
// Decimal digits plus the characters Python also counts as digits (superscripts, circled digits...).
const DIGIT =
  /^[\p{Nd}\u{b2}-\u{b3}\u{b9}\u{1369}-\u{1371}\u{19da}\u{2070}\u{2074}-\u{2079}\u{2080}-\u{2089}\u{2460}-\u{2468}\u{2474}-\u{247c}\u{2488}-\u{2490}\u{24ea}\u{24f5}-\u{24fd}\u{24ff}\u{2776}-\u{277e}\u{2780}-\u{2788}\u{278a}-\u{2792}\u{10a40}-\u{10a43}\u{10e60}-\u{10e68}\u{11052}-\u{1105a}\u{1f100}-\u{1f10a}]$/u;

function isAsciiAlpha(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `ch.isspace()` for one code point (`undefined` → false). */
export function isPySpace(ch: string | undefined): boolean {
  return ch !== undefined && isPyStrSpace(ch);
}

/** `ch.isalpha()` for one code point. */
export function isPyAlpha(ch: string | undefined): boolean {
  if (ch === undefined || ch === "") return false;
  const code = ch.charCodeAt(0);
  if (code < 128) return isAsciiAlpha(code);
  return LETTER.test(ch);
}

/** `ch.isdigit()` for one code point. */
export function isPyDigit(ch: string | undefined): boolean {
  if (ch === undefined || ch === "") return false;
  const code = ch.charCodeAt(0);
  if (code < 128) return isAsciiDigit(code);
  return DIGIT.test(ch);
}

/** `ch.isalnum()` for one code point. */
export function isPyAlnum(ch: string | undefined): boolean {
  if (ch === undefined || ch === "") return false;
  const code = ch.charCodeAt(0);
  if (code < 128) return isAsciiAlpha(code) || isAsciiDigit(code);
  return LETTER_OR_NUMBER.test(ch) || DIGIT.test(ch);
}

export { pyLstrip, pyRstrip } from "../py-str.js";
