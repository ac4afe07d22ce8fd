import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { printResult, type CommandContext } from "../cli-context.js";
import { loadProject } from "../project/load-project.js";
import { readRegistry } from "./artifact-registry-file.js";

/** One cell of the compilation matrix. */
export interface MatrixCell {
  programVersion: string;
  model: string;
  /** `current`, `missing` (not compiled for this revision), or `stale` with the reasons. */
  status: "current" | "missing" | "stale";
  reasons: string[];
  artifact: string | null;
  testScore: number | null;
  optimizer: string | null;
}

/** `tsdspy matrix`: program version × model revision — which artifacts exist, their scores, which are stale and why. */
export async function matrixCommand(context: CommandContext): Promise<number> {
  const project = await loadProject({ cwd: context.cwd, configPath: context.configPath, importModule: context.importModule });
  const entries = readRegistry(project.artifactsDir);
  const version = project.config.programVersion;
  const models = Object.keys(project.config.models);
  const cells: MatrixCell[] = [];
  for (const entry of entries) {
    const dir = resolve(project.artifactsDir, entry.dir);
    const reasons: string[] = [];
    if (!existsSync(join(dir, "manifest.json"))) reasons.push("artifact folder missing");
    if (!models.includes(entry.model)) reasons.push("model revision no longer in the project file");
    if (entry.programVersion === version && entry.programHash !== project.programHash) reasons.push("program changed since compile");
    if (entry.programVersion !== version) reasons.push(`program is now ${version}`);
    const driftFile = join(dir, "drift.json");
    if (existsSync(driftFile)) {
      const driftRecord = JSON.parse(readFileSync(driftFile, "utf8")) as { stale: boolean; drops: Record<string, number> };
      if (driftRecord.stale) reasons.push(`drift on fresh data (overall ${driftRecord.drops.overall} points down)`);
    }
    cells.push({ programVersion: entry.programVersion, model: entry.model, status: reasons.length ? "stale" : "current", reasons, artifact: dir, testScore: entry.testScore, optimizer: entry.optimizer });
  }
  for (const model of models) {
    if (!entries.some((e) => e.programVersion === version && e.model === model)) {
      cells.push({ programVersion: version, model, status: "missing", reasons: ["not compiled and promoted for this model revision"], artifact: null, testScore: null, optimizer: null });
    }
  }
  cells.sort((a, b) => a.programVersion.localeCompare(b.programVersion) || a.model.localeCompare(b.model));
  printResult(context, { programVersion: version, cells }, () => [
    `Compilation matrix (${project.artifactsDir}):`,
    `  ${"program".padEnd(14)} ${"model revision".padEnd(22)} ${"status".padEnd(8)} ${"test".padStart(6)}  artifact / reasons`,
    ...cells.map(
      (c) => `  ${c.programVersion.padEnd(14)} ${c.model.padEnd(22)} ${c.status.padEnd(8)} ${(c.testScore === null ? "—" : c.testScore.toFixed(2)).padStart(6)}  ${c.artifact ?? ""}${c.reasons.length ? ` (${c.reasons.join("; ")})` : ""}`,
    ),
  ]);
  return 0;
}
