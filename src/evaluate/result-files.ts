import { writeFile } from "node:fs/promises";
import { pyFloat } from "../python/py-float.js";
import { pyJsonDumps, pyStr } from "../python/pyfmt.js";

type Row = Record<string, unknown>;

/** Scores are Python floats in DSPy (`1.0`, `0.0`); booleans stay booleans. */
function withFloatScore(row: Row, metricName: string): Row {
  const score = row[metricName];
  return typeof score === "number" ? { ...row, [metricName]: pyFloat(score) } : row;
}

/** Python's `csv` module cell: `None` is empty, other values their `str()`, quoted when they hold `,` `"` CR or LF. */
function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : pyStr(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The rows as Python's `csv.DictWriter` writes them (header first, `\r\n` line ends). Columns are every key in
 * first-seen order; a row without a column leaves it empty.
 */
export function resultsCsv(rows: readonly Row[], metricName: string): string {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const line = (cells: string[]) => (cells.length === 1 && cells[0] === "" ? '""' : cells.join(",")) + "\r\n";
  let text = line(columns.map(csvCell));
  for (const row of rows) {
    const scored = withFloatScore(row, metricName);
    text += line(columns.map((column) => (Object.hasOwn(scored, column) ? csvCell(scored[column]) : "")));
  }
  return text;
}

/** The rows as Python's `json.dump(rows, f)` writes them (ASCII-escaped, `", "` and `": "` separators). */
export function resultsJson(rows: readonly Row[], metricName: string): string {
  return pyJsonDumps(rows.map((row) => withFloatScore(row, metricName)));
}

/** Writes the rows as CSV and/or JSON files (DSPy's `save_as_csv` / `save_as_json`). */
export async function saveResults(rows: readonly Row[], metricName: string, paths: { csv?: string; json?: string }): Promise<void> {
  if (paths.csv) await writeFile(paths.csv, resultsCsv(rows, metricName), "utf8");
  if (paths.json) await writeFile(paths.json, resultsJson(rows, metricName), "utf8");
}
