/** F1 of a precision and a recall, each clamped to [0, 1] first (DSPy's `auto_evaluation.f1_score`). */
export function clampedF1(precision: number, recall: number): number {
  const p = Math.max(0, Math.min(1, precision));
  const r = Math.max(0, Math.min(1, recall));
  return p + r === 0 ? 0 : (2 * (p * r)) / (p + r);
}
