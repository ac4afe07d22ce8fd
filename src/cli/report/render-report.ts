import type { ReportData } from "./collect-report-data.js";
import { REPORT_SCRIPT } from "./report-script.js";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Text safe inside an inline <script>: no `</script`, no `<!--`. */
const inlineScript = (code: string) => code.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");

const figure = (name: string, title: string, caption: string, empty: string | null) =>
  `<figure data-plot="${escapeHtml(name)}"><h3>${escapeHtml(title)}</h3><div class="chart"></div>${empty ? `<p class="empty">${escapeHtml(empty)}</p>` : ""}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;

function gateTable(data: ReportData): string {
  if (!data.gates.length) return `<p class="empty">No gate yet: run <code>tsdspy evaluate</code> and <code>tsdspy gate</code>.</p>`;
  const rows = data.gates.flatMap((g) =>
    g.rows.map(
      (r) =>
        `<tr data-model="${escapeHtml(g.model)}" data-slice="${escapeHtml(r.slice)}" class="${r.pass ? "pass" : "fail"}"><td>${escapeHtml(g.model)}</td><td>${escapeHtml(g.selected)}</td><td>${escapeHtml(r.slice)}</td><td class="n">${r.count}</td><td class="n" data-field="baseline">${r.baseline.toFixed(2)}</td><td class="n" data-field="candidate">${r.candidate.toFixed(2)}</td><td class="n" data-field="minimum">${r.minimum === null ? "—" : r.minimum.toFixed(2)}</td><td data-field="gate">${r.pass ? "pass" : "FAIL"}</td></tr>`,
    ),
  );
  const verdicts = data.gates
    .map((g) => `<li data-model="${escapeHtml(g.model)}" data-promote="${g.decision.promote}"><b>${escapeHtml(g.model)}</b>: ${g.decision.promote ? "PROMOTE" : `BLOCK (${escapeHtml(g.decision.failedGates.length ? `under the minimum: ${g.decision.failedGates.join(", ")}` : "does not beat the baseline")})`} — overall ${g.overall.baseline.toFixed(2)} → ${g.overall.candidate.toFixed(2)}</li>`)
    .join("");
  return `<table id="gates"><thead><tr><th>model revision</th><th>candidate</th><th>slice</th><th>n</th><th>baseline</th><th>candidate</th><th>minimum</th><th>gate</th></tr></thead><tbody>${rows.join("")}</tbody></table><ul class="verdicts">${verdicts}</ul>`;
}

function diffs(data: ReportData): string {
  if (!data.diffs.length) return `<p class="empty">No compiled candidate.</p>`;
  return data.diffs
    .map((d) => {
      const instruction = d.instruction.map((p) => (p.op === "same" ? escapeHtml(p.text) : `<${p.op === "add" ? "ins" : "del"}>${escapeHtml(p.text)}</${p.op === "add" ? "ins" : "del"}>`)).join("");
      const demos = d.demos.map((demo) => `<li><pre>${escapeHtml(JSON.stringify(demo, null, 2))}</pre></li>`).join("");
      return `<section class="diff" data-model="${escapeHtml(d.model)}"><h3>${escapeHtml(d.model)} — ${escapeHtml(d.optimizer)} — <code>${escapeHtml(d.predictor)}</code></h3><p class="instruction">${instruction}</p><p>Demos: baseline ${d.baselineDemos}, candidate <ins>${d.demos.length}</ins></p>${demos ? `<details><summary>the candidate's demos</summary><ol>${demos}</ol></details>` : ""}</section>`;
    })
    .join("");
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1000px;color:#111}h1{font-size:1.5rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd}
figure{margin:1rem 0}figcaption,.empty{color:#555;font-size:.9em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.25rem .5rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.fail td{background:#fee2e2}ins{background:#dcfce7;text-decoration:none}del{background:#fee2e2}pre{white-space:pre-wrap;font-size:.85em}`;

/** The run report: one static HTML page with the data embedded and D3 + Observable Plot inlined. */
export function renderReport(data: ReportData, libraries: { d3: string; plot: string }): string {
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  const sliceFigures = data.gates.map((g) =>
    figure(`slices-${g.model}`, `${g.model}: per-slice test scores, baseline vs candidate (${g.selected})`, "Bars: mean test score per slice; red ticks: the gate's minimum.", null),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tsdspy run report — ${escapeHtml(data.programVersion)}</title><style>${STYLE}</style></head>
<body>
<h1>tsdspy run report — ${escapeHtml(data.programVersion)}</h1>
<p>Run folder <code>${escapeHtml(data.runDir)}</code>. Selection used the validation split; the gates use the untouched test split.</p>
<h2>Search</h2>
${figure("trials", "Validation score per trial", "One dot per scored trial of each optimizer × model revision (trials.jsonl).", data.trials.length ? null : "No scored trials.")}
${figure("pareto", "GEPA's Pareto front over iterations", "After each iteration, every candidate on the per-example Pareto front, at its mean validation score.", data.pareto.length ? null : "No GEPA run in this folder.")}
<h2>Release gates</h2>
${gateTable(data)}
${sliceFigures.join("\n")}
<h2>Cost per candidate</h2>
${figure("cost-calls", "LM calls", "Compile plus test evaluation.", null)}
${figure("cost-tokens", "Tokens", "Compile plus test evaluation.", null)}
${figure("cost-cost", "Cost (USD)", "Compile plus test evaluation; candidates whose price is unknown are left out.", data.costs.some((c) => c.costUsd !== null) ? null : "No known prices.")}
<h2>The winning prompt against the baseline</h2>
${diffs(data)}
<script type="application/json" id="report-data">${json}</script>
<script>${inlineScript(libraries.d3)}</script>
<script>${inlineScript(libraries.plot)}</script>
<script>${inlineScript(REPORT_SCRIPT)}</script>
</body></html>
`;
}
