import { renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { printResult, type CommandContext } from "../cli-context.js";
import { loadProject } from "../project/load-project.js";
import { chartLibraries } from "../report/chart-libraries.js";
import { collectReportData } from "../report/collect-report-data.js";
import { renderReport } from "../report/render-report.js";

/** `tsdspy report [runDir]`: the run report, one static HTML file (written atomically). */
export async function reportCommand(context: CommandContext, options: { runDir?: string | undefined; out?: string }): Promise<number> {
  const runDir = options.runDir
    ? resolve(context.cwd, options.runDir)
    : (await loadProject({ cwd: context.cwd, configPath: context.configPath, importModule: context.importModule })).runDir;
  const data = collectReportData(runDir);
  const out = options.out ? resolve(context.cwd, options.out) : join(runDir, "report.html");
  const html = renderReport(data, chartLibraries());
  const temporary = `${out}.${process.pid}.tmp`;
  writeFileSync(temporary, html, "utf8");
  renameSync(temporary, out);
  printResult(context, { report: out, trials: data.trials.length, paretoPoints: data.pareto.length, gates: data.gates.length, candidates: data.costs.length }, () => [
    `Wrote ${out} (${data.trials.length} trials, ${data.pareto.length} Pareto points, ${data.gates.length} gate(s)); open it in a browser, no server needed.`,
  ]);
  return 0;
}
