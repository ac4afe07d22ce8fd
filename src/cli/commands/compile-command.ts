import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { withSettings } from "../../context/settings.js";
import type { Module } from "../../primitives/module.js";
import type { RunReport } from "../../optimizers/run/run-report.js";
import { printResult, type CommandContext } from "../cli-context.js";
import { candidateDir, readJson, writeJsonAtomic } from "../project/run-files.js";
import { buildOptimizer } from "./build-optimizer.js";
import { openProject } from "./open-project.js";

/** What `tsdspy compile` writes for one optimizer × model revision (`<runDir>/<model>/<optimizer>/candidate.json`). */
export interface CandidateFile {
  model: string;
  optimizer: string;
  optimizerClass: string;
  settings: Record<string, unknown>;
  /** Identifies what was compiled: program, data and optimizer settings; a mismatch means the run is out of date. */
  fingerprint: string;
  validationScore: number | null;
  status: RunReport["status"];
  spent: RunReport["spent"];
  elapsedMs: number;
  state: Record<string, unknown>;
}

/** The run folder's index (`<runDir>/project.json`), written by compile and read by every later command. */
export interface RunIndex {
  programVersion: string;
  programHash: string;
  splits: Record<string, { hash: string; size: number }>;
  models: string[];
  optimizers: Record<string, string>;
  minimum: Record<string, number>;
}

const bestValidation = (report: RunReport | undefined) =>
  report?.trials?.reduce<number | null>((best, t) => (t.bestScore !== null && (best === null || t.bestScore > best) ? t.bestScore : best), null) ?? null;

/** `tsdspy compile`: every optimizer × model revision of the project file, resumable, within the compile budget. */
export async function compileCommand(context: CommandContext, options: { model?: string[]; fresh?: boolean }): Promise<number> {
  const project = await openProject(context, options.model);
  const { config } = project;
  const index: RunIndex = {
    programVersion: config.programVersion,
    programHash: project.programHash,
    splits: project.splitHashes,
    models: Object.keys(config.models),
    optimizers: Object.fromEntries(Object.entries(config.optimizers).map(([name, spec]) => [name, spec.optimizer])),
    minimum: config.gates.minimum,
  };
  writeJsonAtomic(join(project.runDir, "project.json"), index);
  writeJsonAtomic(join(project.runDir, "baseline.json"), { programVersion: config.programVersion, state: project.makeProgram().dumpState() });
  const results: Array<Omit<CandidateFile, "state" | "fingerprint"> & { resumed: boolean }> = [];
  for (const model of project.models) {
    for (const [name, spec] of Object.entries(config.optimizers)) {
      const dir = candidateDir(project.runDir, model, name);
      const file = join(dir, "candidate.json");
      const fingerprint = JSON.stringify([project.programHash, project.splitHashes.train, project.splitHashes.validation, spec, spec.metric?.name ?? config.metric.name, config.budgets?.compile ?? null]);
      if (options.fresh) rmSync(dir, { recursive: true, force: true });
      if (existsSync(file)) {
        const done = readJson<CandidateFile>(file, "tsdspy compile");
        if (done.fingerprint === fingerprint) {
          context.logger.info(`tsdspy compile: ${name} × ${model} already compiled (${file}); skipping.`);
          const { state: _state, fingerprint: _fp, ...summary } = done;
          results.push({ ...summary, resumed: true });
          continue;
        }
        context.logger.info(`tsdspy compile: ${name} × ${model} was compiled with other settings or data; compiling again.`);
        rmSync(dir, { recursive: true, force: true });
      }
      context.logger.info(`tsdspy compile: ${name} (${spec.optimizer}) × ${model} …`);
      const lm = project.lmFor(model);
      const optimizer = buildOptimizer(spec, { metric: spec.metric ?? config.metric, budget: config.budgets?.compile ?? null, runDir: dir, logger: context.logger, lm });
      const compiled = (await withSettings({ lm, logger: context.logger }, () =>
        optimizer.compile(project.makeProgram(), { trainset: project.splits.train, valset: project.splits.validation, ...(spec.compile ?? {}) }),
      )) as Module & { runReport?: RunReport };
      const report = compiled.runReport;
      const candidate: CandidateFile = {
        model,
        optimizer: name,
        optimizerClass: spec.optimizer,
        settings: spec.settings ?? {},
        fingerprint,
        validationScore: bestValidation(report),
        status: report?.status ?? "completed",
        spent: report?.spent ?? { lmCalls: 0, metricCalls: 0, tokens: 0, costUsd: 0 },
        elapsedMs: report?.elapsedMs ?? 0,
        state: compiled.dumpState(),
      };
      writeJsonAtomic(file, candidate);
      const { state: _state, fingerprint: _fp, ...summary } = candidate;
      results.push({ ...summary, resumed: false });
      context.logger.info(`tsdspy compile: ${name} × ${model}: best validation score ${candidate.validationScore ?? "—"} (${candidate.spent.lmCalls} LM calls, ${candidate.status}).`);
    }
  }
  printResult(context, { runDir: project.runDir, candidates: results }, () => [
    `Compiled ${results.length} candidate(s) into ${project.runDir}:`,
    ...results.map(
      (r) => `  ${r.model.padEnd(20)} ${r.optimizer.padEnd(16)} validation ${r.validationScore === null ? "—" : r.validationScore.toFixed(2)}  ${r.spent.lmCalls} LM calls  ${r.status}${r.resumed ? " (already done)" : ""}`,
    ),
  ]);
  return 0;
}
