// The browser script of the run report: draws the plots from the embedded JSON with Observable Plot (inlined).
export const REPORT_SCRIPT = String.raw`
const data = JSON.parse(document.getElementById("report-data").textContent);
const put = (name, chart) => document.querySelector('figure[data-plot="' + name + '"] .chart').append(chart);
const pct = { domain: [0, 100], label: "score (%)", grid: true };

if (data.trials.length) {
  put("trials", Plot.plot({
    width: 960, height: 340, color: { legend: true }, x: { label: "trial", grid: true }, y: pct,
    marks: [
      Plot.line(data.trials, { x: "trial", y: "score", stroke: "series" }),
      Plot.dot(data.trials, { x: "trial", y: "score", fill: "series", r: 3.5, title: (d) => d.series + " trial " + d.trial + " (" + d.kind + "): " + d.score }),
    ],
  }));
}
if (data.pareto.length) {
  put("pareto", Plot.plot({
    width: 960, height: 300, color: { legend: true }, x: { label: "GEPA iteration", grid: true }, y: { ...pct, label: "mean validation score of a front candidate (%)" },
    marks: [
      Plot.dot(data.pareto, { x: "iteration", y: "score", fill: "series", r: 4, title: (d) => d.series + " iteration " + d.iteration + ": candidate " + d.candidate + " (" + d.score + ")" }),
    ],
  }));
}
for (const gate of data.gates) {
  const bars = gate.rows.flatMap((r) => [{ slice: r.slice, program: "baseline", score: r.baseline }, { slice: r.slice, program: "candidate", score: r.candidate }]);
  const minimums = gate.rows.filter((r) => r.minimum !== null);
  put("slices-" + gate.model, Plot.plot({
    width: 960, height: 280, color: { legend: true, domain: ["baseline", "candidate"], range: ["#9ca3af", "#2563eb"] },
    fx: { label: null }, x: { axis: null }, y: pct,
    marks: [
      Plot.barY(bars, { fx: "slice", x: "program", y: "score", fill: "program", title: (d) => d.program + " " + d.slice + ": " + d.score }),
      Plot.tickY(minimums, { fx: "slice", y: "minimum", stroke: "#dc2626", strokeWidth: 3 }),
    ],
  }));
}
for (const [name, field, label] of [["calls", "lmCalls", "LM calls"], ["tokens", "tokens", "tokens"], ["cost", "costUsd", "cost (USD)"]]) {
  const rows = data.costs.filter((c) => c[field] !== null);
  if (!rows.length) continue;
  put("cost-" + name, Plot.plot({
    width: 960, height: 40 + 28 * rows.length, marginLeft: 220, y: { label: null },
    x: { label, grid: true, domain: [0, Math.max(...rows.map((r) => r[field])) || 1] },
    marks: [Plot.barX(rows, { y: "candidate", x: field, fill: "#2563eb", title: (d) => d.candidate + ": " + d[field] }), Plot.ruleX([0])],
  }));
}
`;
