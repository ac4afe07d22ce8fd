import { isPyAlnum, isPyDigit, isPySpace } from "./py-chars.js";
import { QUOTES, isQuote, type RepairCursor } from "./repair-cursor.js";

/** `RepairCursor.findUnescaped`, possibly memoised for the current string. */
export type FindUnescaped = (targets: string, offset: number) => number;

/**
 * What a `,` inside an unterminated object-value string means: `member` (the next object member
 * starts, so the string ends here), `container` (a `{`/`[` follows: keep it as text), `string`
 * (ordinary text), or `string-no-delimiter` (text, and no quote/brace/bracket follows at all).
 */
export type ValueCommaMeaning = "member" | "container" | "string" | "string-no-delimiter";

const QUOTES_BRACES = [...QUOTES, "{", "["].join("");
const QUOTES_CLOSE_BRACE = [...QUOTES, "}"].join("");

function skipKeyChars(p: RepairCursor, offset: number): number {
  for (let ch = p.at(offset); ch !== undefined && (isPyAlnum(ch) || ch === "_" || ch === "-"); ch = p.at(offset)) offset++;
  return offset;
}

/** After `key:` - does a value the parser can recover follow (quoted, container, number, literal, or a bare value closed by `}`)? */
function bareMemberHasValue(p: RepairCursor, offset: number, find: FindUnescaped): boolean {
  const start = p.spacesEnd(offset);
  const ch = p.at(start);
  if (isQuote(ch) || ch === "{" || ch === "[" || ch === "-" || isPyDigit(ch)) return true;
  for (const word of ["true", "false", "null"]) {
    if ([...word].every((c, i) => p.at(start + i) === c)) {
      const end = p.at(start + word.length);
      if (end === undefined || isPySpace(end) || end === "," || end === "}" || end === "]") return true;
    }
  }
  return p.at(find(QUOTES_CLOSE_BRACE, start)) === "}";
}

/** Classifies the `,` at the read position (see `ValueCommaMeaning`). */
export function classifyValueComma(p: RepairCursor, find: FindUnescaped): ValueCommaMeaning {
  const nextOffset = p.spacesEnd(1);
  const next = p.at(nextOffset);
  if (next === undefined || next === "}") return "member";
  if (isQuote(next)) {
    const keyEnd = p.findUnescaped(next, nextOffset + 1);
    if (p.at(keyEnd) === undefined) return "string";
    return p.at(p.spacesEnd(keyEnd + 1)) === ":" ? "member" : "string";
  }
  if (next === "`") {
    return p.at(p.spacesEnd(skipKeyChars(p, nextOffset + 1))) === ":" ? "member" : "string";
  }
  if (isPyAlnum(next) || next === "_") {
    const colon = p.spacesEnd(skipKeyChars(p, nextOffset));
    if (p.at(colon) === ":" && bareMemberHasValue(p, colon + 1, find)) return "member";
  }
  if (next === "{" || next === "[") return "container";
  const specialOffset = find(QUOTES_BRACES, nextOffset);
  const special = p.at(specialOffset);
  if (special === undefined) return "string-no-delimiter";
  if (special === "{" || special === "[") return "string";
  const end = find(special, specialOffset + 1);
  if (p.at(end) === undefined) return "string";
  return p.at(p.spacesEnd(end + 1)) === ":" ? "member" : "string";
}
