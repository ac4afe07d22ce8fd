import { join } from "node:path";
import { writeArtifact } from "../../release/artifact.js";
import { EXIT, printResult, type CommandContext } from "../cli-context.js";
import { candidateDir, readJson, safeName, writeJsonAtomic } from "../project/run-files.js";
import { recordArtifact } from "./artifact-registry-file.js";
import type { CandidateFile } from "./compile-command.js";
import type { EvaluationFile } from "./evaluate-command.js";
import { gateFor, gateLines } from "./gate-command.js";
import { openProject } from "./open-project.js";

/**
 * `tsdspy promote`: for each model revision whose candidate passes its gates, the versioned artifact (DSPy state +
 * manifest) into `<artifacts>/<programVersion>/<model>/` and the registry. Refuses (exit 1, nothing written) when any
 * gate fails.
 */
export async function promoteCommand(context: CommandContext, options: { model?: string[] }): Promise<number> {
  const project = await openProject(context, options.model);
  const gates = [];
  for (const model of project.models) gates.push(await gateFor(context, project, model));
  const failed = gates.filter((g) => !g.decision.promote);
  if (failed.length) {
    printResult(context, { promoted: [], refused: failed }, () => [...failed.flatMap(gateLines), "Refusing to promote: a gate failed. Nothing was written."]);
    return EXIT.rejected;
  }
  const promoted: Array<{ model: string; dir: string; optimizer: string }> = [];
  for (const gate of gates) {
    // The gate this promotion passed is the one the run folder (and its report) shows.
    writeJsonAtomic(join(project.runDir, safeName(gate.model), "gate.json"), gate);
    const evaluation = readJson<EvaluationFile>(join(project.runDir, safeName(gate.model), "evaluation.json"), "tsdspy evaluate");
    const candidate = readJson<CandidateFile>(join(candidateDir(project.runDir, gate.model, gate.selected), "candidate.json"), "tsdspy compile");
    const program = project.makeProgram().loadState(candidate.state);
    const dir = join(project.artifactsDir, safeName(project.config.programVersion), safeName(gate.model));
    const chosen = evaluation.candidates[gate.selected]!;
    const summary = (s: EvaluationFile["baseline"]) => ({
      overall: s.overall.score,
      interval: [s.overall.low, s.overall.high],
      slices: Object.fromEntries(Object.entries(s.slices).map(([slice, v]) => [slice, { score: v.score, count: v.count, interval: [v.low, v.high] }])),
    });
    const manifest = await writeArtifact(dir, program, {
      programVersion: project.config.programVersion,
      model: gate.model,
      metric: project.config.metric.name || "metric",
      splits: project.splitHashes,
      optimizer: { name: candidate.optimizerClass, settings: { runName: gate.selected, ...candidate.settings } },
      scores: { baseline: summary(evaluation.baseline), candidate: summary(chosen), validation: { best: candidate.validationScore }, minimum: Object.fromEntries(gate.rows.map((r) => [r.slice, r.minimum])) },
      decision: gate.decision,
    });
    recordArtifact(project.artifactsDir, {
      programVersion: manifest.programVersion,
      model: gate.model,
      dir,
      programHash: project.programHash,
      optimizer: gate.selected,
      testScore: chosen.overall.score,
      createdAt: manifest.createdAt,
    });
    promoted.push({ model: gate.model, dir, optimizer: gate.selected });
  }
  printResult(context, { promoted, refused: [] }, () => promoted.map((p) => `Promoted ${p.model} (${p.optimizer}) → ${p.dir}`));
  return EXIT.ok;
}
