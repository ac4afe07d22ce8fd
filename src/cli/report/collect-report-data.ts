import { existsSync } from "node:fs";
import { join } from "node:path";
import { ProjectError } from "../../errors/project-error.js";
import type { CandidateFile, RunIndex } from "../commands/compile-command.js";
import type { EvaluationFile } from "../commands/evaluate-command.js";
import type { GateFile } from "../commands/gate-command.js";
import { candidateDir, readJson, readTrials, safeName } from "../project/run-files.js";
import { wordDiff, type DiffPart } from "./word-diff.js";

/** Everything the run report draws, read from a run folder. */
export interface ReportData {
  programVersion: string;
  runDir: string;
  /** One point per scored trial (`trials.jsonl` records with a score), every optimizer × model revision. */
  trials: Array<{ series: string; model: string; optimizer: string; trial: number; kind: string; score: number; bestScore: number | null }>;
  /** GEPA: after each iteration, every candidate on the Pareto front with its mean validation score (0–100). */
  pareto: Array<{ series: string; iteration: number; candidate: number; score: number }>;
  gates: GateFile[];
  /** Compile + test-evaluation spend of every candidate (and each model's baseline evaluation). */
  costs: Array<{ candidate: string; lmCalls: number; tokens: number; costUsd: number | null }>;
  /** The selected candidate's instructions and demos against the baseline's, per model revision and predictor. */
  diffs: Array<{ model: string; optimizer: string; predictor: string; instruction: DiffPart[]; baselineDemos: number; demos: Array<Record<string, unknown>> }>;
}

type PredictorState = { signature?: { instructions?: string }; demos?: Array<Record<string, unknown>> };

/** Reads a run folder written by `tsdspy compile` / `evaluate` / `gate`; a folder that is not one is a `ProjectError`. */
export function collectReportData(runDir: string): ReportData {
  if (!existsSync(join(runDir, "project.json"))) {
    throw new ProjectError(`${runDir} is not a tsdspy run folder (no project.json); pass the runDir that \`tsdspy compile\` wrote.`, { file: runDir });
  }
  const index = readJson<RunIndex>(join(runDir, "project.json"), "tsdspy compile");
  const baseline = readJson<{ state: Record<string, PredictorState> }>(join(runDir, "baseline.json"), "tsdspy compile");
  const data: ReportData = { programVersion: index.programVersion, runDir, trials: [], pareto: [], gates: [], costs: [], diffs: [] };
  const models = index.models.filter((model) => existsSync(join(runDir, safeName(model))));
  if (models.length === 0) throw new ProjectError(`${runDir} has no compiled model revisions; run \`tsdspy compile\`.`, { file: runDir });
  for (const model of models) {
    const candidates: Record<string, CandidateFile> = {};
    for (const optimizer of Object.keys(index.optimizers)) {
      const dir = candidateDir(runDir, model, optimizer);
      if (!existsSync(dir)) continue;
      const series = `${model} / ${optimizer}`;
      for (const t of readTrials(join(dir, "trials.jsonl"))) {
        if (typeof t.score === "number") {
          data.trials.push({ series, model, optimizer, trial: t.trial as number, kind: String(t.kind), score: t.score, bestScore: (t.bestScore as number | null) ?? null });
        }
        const extra = t.extra as { iteration?: number; paretoPrograms?: unknown; aggregateScores?: number[] } | undefined;
        if (t.optimizer === "GEPA" && extra && typeof extra.iteration === "number" && Array.isArray(extra.aggregateScores)) {
          const onFront = new Set<number>();
          // paretoPrograms: [validation id, [candidate indices reaching the best score on it]] pairs.
          for (const entry of Array.isArray(extra.paretoPrograms) ? extra.paretoPrograms : []) {
            for (const idx of (Array.isArray(entry) && Array.isArray(entry[1]) ? entry[1] : []) as number[]) onFront.add(idx);
          }
          for (const candidate of [...onFront].sort((a, b) => a - b)) {
            data.pareto.push({ series, iteration: extra.iteration, candidate, score: Math.round(10000 * (extra.aggregateScores[candidate] ?? 0)) / 100 });
          }
        }
      }
      if (existsSync(join(dir, "candidate.json"))) candidates[optimizer] = readJson<CandidateFile>(join(dir, "candidate.json"), "tsdspy compile");
    }
    const evaluationFile = join(runDir, safeName(model), "evaluation.json");
    const evaluation = existsSync(evaluationFile) ? readJson<EvaluationFile>(evaluationFile, "tsdspy evaluate") : null;
    const gateFile = join(runDir, safeName(model), "gate.json");
    if (existsSync(gateFile)) data.gates.push(readJson<GateFile>(gateFile, "tsdspy gate"));
    if (evaluation) data.costs.push({ candidate: `${model} / baseline`, ...evaluation.baseline.spent });
    for (const [optimizer, candidate] of Object.entries(candidates)) {
      const test = evaluation?.candidates[optimizer]?.spent;
      data.costs.push({
        candidate: `${model} / ${optimizer}`,
        lmCalls: candidate.spent.lmCalls + (test?.lmCalls ?? 0),
        tokens: candidate.spent.tokens + (test?.tokens ?? 0),
        costUsd: candidate.spent.costUsd === null || test?.costUsd === null ? null : (candidate.spent.costUsd ?? 0) + (test?.costUsd ?? 0),
      });
    }
    const selected =
      evaluation?.selected ??
      Object.entries(candidates).reduce<string | null>((best, [name, c]) => (best === null || (c.validationScore ?? -1) > (candidates[best]!.validationScore ?? -1) ? name : best), null);
    if (selected && candidates[selected]) {
      for (const [predictor, state] of Object.entries(candidates[selected].state as Record<string, PredictorState>)) {
        const before = baseline.state[predictor];
        data.diffs.push({
          model,
          optimizer: selected,
          predictor,
          instruction: wordDiff(before?.signature?.instructions ?? "", state.signature?.instructions ?? ""),
          baselineDemos: before?.demos?.length ?? 0,
          demos: state.demos ?? [],
        });
      }
    }
  }
  return data;
}
