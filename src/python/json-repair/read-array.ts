import { isPySpace } from "./py-chars.js";
import { isQuote, type RepairCursor } from "./repair-cursor.js";
import { isStrictlyEmpty } from "./repair-values.js";

/**
 * Reads array items up to `closer` (`]`, or `)` for a tuple; a `}` also ends it) - the opener is
 * already consumed. A quoted item followed by `:` starts an object whose `{` is missing. Empty
 * items that are not followed by `,` or the closer are dropped (one stray character skipped), as is
 * a stray `...`. Commas and spaces between items are skipped, so missing and doubled commas are fine.
 */
export function readArray(p: RepairCursor, closer = "]"): unknown[] {
  return p.within("array", () => {
    const items: unknown[] = [];
    p.skipSpaces();
    let ch = p.at();
    while (ch !== undefined && ch !== closer && ch !== "}") {
      let value: unknown;
      if (isQuote(ch)) {
        const after = p.spacesEnd(p.findUnescaped(ch, 1) + 1);
        value = p.at(after) === ":" ? p.readObject() : p.readString();
      } else {
        value = p.readValue();
      }
      const next = p.at();
      if (isStrictlyEmpty(value) && next !== closer && next !== ",") p.pos++;
      else if (!(value === "..." && p.at(-1) === ".")) items.push(value);
      ch = p.at();
      while (ch !== undefined && ch !== closer && (isPySpace(ch) || ch === ",")) {
        p.pos++;
        ch = p.at();
      }
    }
    p.pos++;
    return items;
  });
}
