import type { HistoryEntry } from "../lm/history-entry.js";
import { approximateBytes } from "../utils/approximate-bytes.js";

/** How big a history store may grow. */
export interface HistoryBounds {
  maxEntries: number;
  /** Approximate bytes of the stored entries (strings and numbers counted, object overhead estimated). */
  maxBytes: number;
}

/**
 * LM calls kept oldest first, bounded by entries and by (approximate) bytes: adding past either bound drops the
 * oldest entries. Readers get a frozen copy, never the live list.
 */
export class HistoryStore {
  private list: HistoryEntry[] = [];
  private sizes: number[] = [];
  private head = 0;
  private bytes = 0;

  /** Number of entries held. */
  get size(): number {
    return this.list.length - this.head;
  }

  /** Approximate bytes held. */
  get byteSize(): number {
    return this.bytes;
  }

  add(entry: HistoryEntry, bounds: HistoryBounds): void {
    if (bounds.maxEntries <= 0 || bounds.maxBytes <= 0) return;
    const size = approximateBytes(entry);
    this.list.push(entry);
    this.sizes.push(size);
    this.bytes += size;
    while (this.size > bounds.maxEntries || (this.bytes > bounds.maxBytes && this.size > 1)) {
      this.bytes -= this.sizes[this.head]!;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.list.length) {
      this.list = this.list.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
  }

  /** The entries, oldest first, as a frozen array. */
  entries(): readonly HistoryEntry[] {
    return Object.freeze(this.list.slice(this.head));
  }

  clear(): void {
    this.list = [];
    this.sizes = [];
    this.head = 0;
    this.bytes = 0;
  }
}
