import { isPySpaceCode } from "../python/py-str.js";
import { JsonKeysError, objectKeysFrom } from "./partial-json-keys.js";

/** Where a streamed JSON field ended: the object closed, or a second key began (`next`). */
export type JsonFieldEndVerdict = { readonly end: "object" } | { readonly end: "key"; readonly next: string };

/**
 * Decides after each chunk whether a field streamed by the JSON adapter has ended, as DSPy does by re-reading the
 * whole text with jiter after every chunk (strictly when it ends with `}`: a complete object ends the field; else
 * partially: a second key ends it). The answers are the same, but each chunk costs about its own length: a scan of
 * the brackets and strings tells whether the chunk touched the top-level object at all (if not, the answer cannot
 * have changed), reads resume at the object's last unfinished entry, and a read that can never end the field
 * (malformed, or stopped before the end of the text) ends the reading.
 */
export class JsonFieldEnd {
  private readonly field: string;
  /** The text from the start of the top-level object's last unfinished entry (at first, the whole text). */
  private tail = "";
  private resume: { readonly keysBeforeEntry: readonly string[] } | undefined;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private lastNonSpace = "";
  /** The last character that is not JSON whitespace. */
  private lastSignificant = "";
  /** The text so far ends with JSON whitespace. */
  private endsInSpace = false;
  /** No text can end the field any more. */
  private settled = false;

  /** `opening` is the object's start as the listener reconstructs it (`{"answer":`). */
  constructor(field: string, opening: string) {
    this.field = field;
    this.scan(opening);
    this.tail = opening;
  }

  /** Adds a chunk; returns where the field ended, or undefined while it goes on. */
  feed(text: string): JsonFieldEndVerdict | undefined {
    const before = this.lastSignificant;
    const spaceBefore = this.endsInSpace;
    const touchesTop = this.scan(text);
    this.tail += text;
    if (this.settled || !touchesTop || cannotChangeAnswer(text, before, spaceBefore)) return undefined;
    if (this.lastNonSpace === "}") {
      try {
        objectKeysFrom(this.tail, false, this.resume);
        return { end: "object" };
      } catch (error) {
        if (!(error instanceof JsonKeysError)) throw error;
      }
    }
    try {
      const progress = objectKeysFrom(this.tail, true, this.resume);
      if (progress.keys.length > 1) return { end: "key", next: progress.keys.find((key) => key !== this.field)! };
      if (!progress.needsMore) this.settled = true;
      else if (progress.entryStart > 0) {
        this.tail = this.tail.slice(progress.entryStart);
        this.resume = { keysBeforeEntry: progress.keysBeforeEntry };
      }
    } catch (error) {
      if (!(error instanceof JsonKeysError)) throw error;
      // A malformed text stays malformed however it goes on, strictly read too.
      this.settled = true;
    }
    return undefined;
  }

  /**
   * Follows strings and bracket depth through `text`; true when some character was read at the top-level object's
   * own level (outside strings, or a string's closing quote): only those can add a key or close the object.
   */
  private scan(text: string): boolean {
    let touchesTop = false;
    let nonSpace = -1;
    let significant = -1;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (!isPySpaceCode(ch)) nonSpace = i;
      if (!isJsonSpace(ch)) significant = i;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === 0x5c) this.escaped = true;
        else if (ch === 0x22) {
          this.inString = false;
          if (this.depth <= 1) touchesTop = true;
        }
        continue;
      }
      if (this.depth <= 1) touchesTop = true;
      if (ch === 0x22) this.inString = true;
      else if (ch === 0x7b || ch === 0x5b) this.depth++;
      else if (ch === 0x7d || ch === 0x5d) this.depth--;
    }
    if (nonSpace >= 0) this.lastNonSpace = text[nonSpace]!;
    if (significant >= 0) this.lastSignificant = text[significant]!;
    if (text.length > 0) this.endsInSpace = isJsonSpace(text.charCodeAt(text.length - 1));
    return touchesTop;
  }
}

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * Chunks that touch the top level but cannot change the answer: JSON whitespace after a bracket, quote, `,` or `:`,
 * or after whitespace (the read ends at the end of the text in the same place: a number, `true` or a key's closing
 * quote was already ended by the earlier whitespace), and digits that go on with a number (a number running to the
 * end of the text counts as its key's value, however long it grows). Without this, a reply of whitespace or digits
 * would be read again after every chunk.
 */
function cannotChangeAnswer(text: string, before: string, spaceBefore: boolean): boolean {
  if (/^[ \t\n\r]*$/.test(text)) return spaceBefore || (before !== "" && '{[,:"}]'.includes(before));
  return /^[0-9]+$/.test(text) && before >= "0" && before <= "9";
}
