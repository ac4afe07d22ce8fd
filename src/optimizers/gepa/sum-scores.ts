/** Python's `sum()` of scores: left to right from 0, so float rounding matches gepa's. */
export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
