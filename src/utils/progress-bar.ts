import type { Clock } from "./clock.js";
import { pyFormatFixed } from "../python/py-round.js";

/** Where a progress bar writes; a TTY gets a live `\r`-redrawn bar, anything else a plain line now and then. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  /** Terminal width; the bar fills it when known, else it is 10 cells wide (tqdm's rule). */
  columns?: number;
}

export interface ProgressBarOptions {
  total: number;
  stream: ProgressStream;
  clock: Clock;
  /** Least time between two redraws on a TTY (tqdm's `mininterval`, 100 ms). */
  minIntervalMs?: number;
  /**
   * Off a TTY, the bar stays quiet (the caller logs its own summary) except for one plain line each time this much
   * time has passed, so a long run shows it is alive (30 s).
   */
  plainIntervalMs?: number;
}

const BAR_CHARSET = " ▏▎▍▌▋▊▉█";

/** tqdm's `format_interval`: `mm:ss`, or `h:mm:ss` from an hour on. */
function formatInterval(seconds: number): string {
  const total = Math.trunc(seconds);
  const s = total % 60;
  const minutes = Math.trunc(total / 60);
  const m = minutes % 60;
  const h = Math.trunc(minutes / 60);
  const two = (x: number) => String(x).padStart(2, "0");
  return h ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** Python's `f"{x:5.2f}"`. */
const fixedWidth = (x: number) => pyFormatFixed(x, 2).padStart(5);

/** tqdm's bar cells: full blocks, one partial block, then spaces. */
function barCells(frac: number, width: number): string {
  const nsyms = BAR_CHARSET.length - 1;
  const steps = Math.trunc(frac * width * nsyms);
  const full = Math.trunc(steps / nsyms);
  let cells = "█".repeat(Math.min(full, width));
  if (full < width) cells += (BAR_CHARSET[steps % nsyms] as string) + " ".repeat(width - full - 1);
  return cells;
}

/**
 * tqdm's meter line (`format_meter`) for `n` of `total` done after `elapsedMs`:
 * `desc: 75%|███████▌  | 3/4 [00:01<00:00,  2.90it/s]`. `ncols` 0 drops the bar; undefined gives a 10-cell bar.
 */
export function formatMeter(description: string, n: number, total: number, elapsedMs: number, ncols: number | undefined): string {
  const elapsed = elapsedMs / 1000;
  const rate = elapsed > 0 ? n / elapsed : 0;
  const invRate = rate ? 1 / rate : 0;
  const rateText = invRate && invRate > 1 ? `${fixedWidth(invRate)}s/it` : rate ? `${fixedWidth(rate)}it/s` : "?it/s";
  const prefix = description ? (description.endsWith(": ") ? description : `${description}: `) : "";
  const knownTotal = total > 0 && n < total + 0.5;
  if (!knownTotal) return `${prefix}${n}it [${formatInterval(elapsed)}, ${rateText}]`;
  const remaining = rate ? formatInterval((total - n) / rate) : "?";
  const frac = n / total;
  const leftBar = `${prefix}${pyFormatFixed(frac * 100, 0).padStart(3)}%|`;
  const rightBar = `| ${n}/${total} [${formatInterval(elapsed)}<${remaining}, ${rateText}]`;
  if (ncols === 0) return leftBar.slice(0, -1) + rightBar.slice(1);
  const width = ncols === undefined ? 10 : Math.max(1, ncols - [...leftBar, ...rightBar].length);
  return leftBar + barCells(frac, width) + rightBar;
}

/**
 * A tqdm-like progress bar (DSPy shows one through tqdm): on a TTY a live bar redrawn with `\r`; otherwise a plain
 * line only every `plainIntervalMs` of a long run, never one per item, so piped logs stay short.
 */
export class ProgressBar {
  readonly #total: number;
  readonly #stream: ProgressStream;
  readonly #clock: Clock;
  readonly #start: number;
  readonly #minIntervalMs: number;
  readonly #plainIntervalMs: number;
  #n = 0;
  #description = "";
  #lastDraw: number;
  #lastLength = 0;
  #closed = false;

  constructor(options: ProgressBarOptions) {
    this.#total = options.total;
    this.#stream = options.stream;
    this.#clock = options.clock;
    this.#start = options.clock.now();
    this.#minIntervalMs = options.minIntervalMs ?? 100;
    this.#plainIntervalMs = options.plainIntervalMs ?? 30_000;
    this.#lastDraw = this.#start;
    if (this.#stream.isTTY) this.#draw(this.#start);
  }

  /** Items done so far. */
  get n(): number {
    return this.#n;
  }

  /** The line as it would be drawn now. */
  line(ncols = this.#stream.isTTY ? this.#stream.columns : 0): string {
    return formatMeter(this.#description, this.#n, this.#total, this.#clock.now() - this.#start, ncols);
  }

  setDescription(description: string): void {
    this.#description = description;
  }

  /** Marks `count` more items done and redraws when due. */
  update(count = 1): void {
    if (this.#closed) return;
    this.#n += count;
    const now = this.#clock.now();
    if (this.#stream.isTTY) {
      if (now - this.#lastDraw >= this.#minIntervalMs || this.#n >= this.#total) this.#draw(now);
      return;
    }
    if (now - this.#lastDraw >= this.#plainIntervalMs && this.#n < this.#total) {
      this.#stream.write(`${this.line(0)}\n`);
      this.#lastDraw = now;
    }
  }

  /** On a TTY, draws the final state and ends the line. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (!this.#stream.isTTY) return;
    this.#draw(this.#clock.now());
    this.#stream.write("\n");
  }

  #draw(now: number): void {
    const text = this.line();
    const length = [...text].length;
    this.#stream.write(`\r${text}${" ".repeat(Math.max(this.#lastLength - length, 0))}`);
    this.#lastLength = length;
    this.#lastDraw = now;
  }
}
