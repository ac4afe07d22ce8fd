import { PyFloat } from "../python/py-float.js";
import { pySplitWhitespace } from "../python/py-split-whitespace.js";
import { pyFormatFixed } from "../python/py-round.js";
import { pyStr } from "../python/pyfmt.js";

type Row = Record<string, unknown>;

/** A cell's text: Python's `str()`, cut to 25 words + `...` (DSPy's `truncate_cell`). */
function truncateCell(value: unknown): string {
  const text = value === null || value === undefined ? "None" : pyStr(value);
  const words = pySplitWhitespace(text);
  return words.length > 25 ? `${words.slice(0, 25).join(" ")}...` : text;
}

/** The metric column: `✔️ [0.500]` for numbers, `✔️ [True]` for booleans and other values, empty for none. */
function formatScore(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return `✔️ [${pyFormatFixed(value, 3)}]`;
  if (value instanceof PyFloat) return `✔️ [${pyFormatFixed(value.value, 3)}]`;
  return `✔️ [${truncateCell(value)}]`;
}

/** Control characters shown escaped, as pandas prints them. */
const escapeControls = (text: string) => text.replace(/\t/g, "\\t").replace(/\r/g, "\\r").replace(/\n/g, "\\n");

const width = (text: string) => [...text].length;
const padStart = (text: string, size: number) => " ".repeat(Math.max(0, size - width(text))) + text;
const padEnd = (text: string, size: number) => text + " ".repeat(Math.max(0, size - width(text)));

/**
 * The evaluation table DSPy prints with pandas (`display_table`): an index column, then one right-aligned column per
 * field and the metric column, cells cut to 25 words. With a number, only that many rows are shown, followed by
 * `... {k} more rows not displayed ...`.
 */
export function formatResultTable(rows: readonly Row[], metricName: string, displayTable: boolean | number): string {
  const shown = typeof displayTable === "number" ? rows.slice(0, Math.max(0, displayTable)) : rows;
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const cells = shown.map((row) =>
    columns.map((column) => {
      if (!Object.hasOwn(row, column)) return " NaN";
      const value = row[column];
      return ` ${escapeControls(column === metricName ? formatScore(value) : truncateCell(value))}`;
    }),
  );
  const indexWidth = Math.max(1, ...shown.map((_, i) => String(i).length));
  const widths = columns.map((column, c) => Math.max(width(column), ...cells.map((row) => width(row[c] as string))));
  const lines = [
    [" ".repeat(indexWidth), ...columns.map((column, c) => padStart(column, widths[c] as number))].join(" "),
    ...cells.map((row, i) => [padEnd(String(i), indexWidth), ...row.map((cell, c) => padStart(cell, widths[c] as number))].join(" ")),
  ];
  const hidden = rows.length - shown.length;
  if (hidden > 0) lines.push(`... ${hidden} more rows not displayed ...`);
  return `${lines.join("\n")}\n`;
}
