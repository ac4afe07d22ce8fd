import { isPySpace } from "../python/py-str.js";

/** What a queued chunk showed: the marker (with the text after it), a possible start of it (wait), or neither. */
export type StartMarkerStep = { readonly found: string } | "wait" | "drop";

/**
 * The chunks a stream listener holds while a field's start marker may be arriving split across them (DSPy joins the
 * held chunks after each new one, looks for the marker, else keeps them while the stripped text ends with a prefix of
 * the marker). Same answers, but each chunk costs about its own length: the marker can only newly appear across the
 * last `marker.length - 1` characters and the new chunk, and only the last `marker.length` characters of the
 * stripped text can be a prefix of it.
 */
export class StartMarkerQueue {
  private readonly marker: string;
  /** The first chunk, and where the marker is in it (that chunk is held without a look, as DSPy does), or -1. */
  private readonly first: string;
  private readonly firstIndex: number;
  private chunks = 0;
  /** The last `marker.length - 1` characters of the held text. */
  private recent = "";
  /** The last (at most `marker.length`) characters of the stripped held text, and of the whitespace after it. */
  private strippedTail = "";
  private trailingSpace = "";

  constructor(marker: string, first: string) {
    this.marker = marker;
    this.first = first;
    this.firstIndex = first.indexOf(marker);
    this.append(first);
  }

  /** Holds one more chunk. */
  add(text: string): StartMarkerStep {
    if (this.chunks === 1 && this.firstIndex !== -1) return { found: this.first.slice(this.firstIndex + this.marker.length) + text };
    const window = this.recent + text;
    const index = window.indexOf(this.marker);
    if (index !== -1) return { found: window.slice(index + this.marker.length) };
    this.append(text);
    for (let length = Math.min(this.strippedTail.length, this.marker.length); length > 0; length--) {
      if (this.marker.startsWith(this.strippedTail.slice(-length))) return "wait";
    }
    return "drop";
  }

  private append(text: string): void {
    this.chunks++;
    const keep = this.marker.length;
    this.recent = (this.recent + text).slice(1 - keep);
    let last = text.length - 1;
    while (last >= 0 && isPySpace(text[last]!)) last--;
    if (last === -1) {
      if (this.strippedTail) this.trailingSpace = (this.trailingSpace + text).slice(-keep);
      return;
    }
    if (!this.strippedTail) {
      let firstNonSpace = 0;
      while (isPySpace(text[firstNonSpace]!)) firstNonSpace++;
      this.strippedTail = text.slice(firstNonSpace, last + 1).slice(-keep);
    } else {
      this.strippedTail = (this.strippedTail + this.trailingSpace + text.slice(0, last + 1)).slice(-keep);
    }
    this.trailingSpace = text.slice(last + 1).slice(-keep);
  }
}
