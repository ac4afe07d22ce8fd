import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { ProjectError } from "../../errors/project-error.js";
import { loadArtifact, type ArtifactManifest } from "../../release/artifact.js";
import { EXIT, printResult, type CommandContext } from "../cli-context.js";
import { readExamples } from "../project/load-dataset.js";
import { candidateDir, readJson, safeName, writeJsonAtomic } from "../project/run-files.js";
import type { CandidateFile } from "./compile-command.js";
import { openProject, type OpenProject } from "./open-project.js";
import { scoreProgram, type ProgramScores } from "./score-program.js";

/** What `tsdspy evaluate` writes per model revision (`<runDir>/<model>/evaluation.json`). */
export interface EvaluationFile {
  model: string;
  test: { hash: string; size: number };
  baseline: ProgramScores;
  candidates: Record<string, ProgramScores & { optimizerClass: string; validationScore: number | null; compileSpent: CandidateFile["spent"]; fingerprint: string }>;
  /** The candidate with the best validation score: selection never looks at the test split. */
  selected: string;
}

/** What `tsdspy evaluate --artifact --data` writes into the artifact folder (`drift.json`). */
export interface DriftFile {
  checkedAt: string;
  data: string;
  threshold: number;
  recorded: { overall: number; slices: Record<string, number> };
  fresh: ProgramScores;
  /** Points lost against the recorded test scores, overall and per slice. */
  drops: Record<string, number>;
  stale: boolean;
}

/** Loads a promoted artifact into the project's program, with a `ProjectError` naming what is missing. */
export async function openArtifact(project: OpenProject, dir: string) {
  if (!existsSync(join(dir, "manifest.json"))) {
    throw new ProjectError(`No artifact at ${dir} (no manifest.json); promote one with \`tsdspy promote\`, or check the path (\`tsdspy matrix\` lists them).`, { file: dir });
  }
  try {
    return await loadArtifact(dir, project.makeProgram());
  } catch (error) {
    throw new ProjectError(`The artifact ${dir} cannot be loaded into ${project.config.program.export}: ${error instanceof Error ? error.message : String(error)}`, { file: dir, cause: error });
  }
}

async function drift(context: CommandContext, project: OpenProject, artifact: string, data: string): Promise<number> {
  const dir = resolve(context.cwd, artifact);
  const { program, manifest } = await openArtifact(project, dir);
  if (!project.config.models[manifest.model]) {
    throw new ProjectError(`The artifact was compiled for ${manifest.model}, which is not in models of ${project.file}; add it to check drift.`, { file: project.file });
  }
  const examples = readExamples(resolve(context.cwd, data), project.config.dataset, data);
  const fresh = await scoreProgram(program, examples, { lm: project.lmFor(manifest.model), config: project.config, sliceField: project.sliceField, logger: context.logger });
  const candidate = (manifest.scores as { candidate: { overall: number; slices: Record<string, { score: number }> } }).candidate;
  const recorded = { overall: candidate.overall, slices: Object.fromEntries(Object.entries(candidate.slices).map(([s, v]) => [s, v.score])) };
  const drops: Record<string, number> = { overall: Math.round((recorded.overall - fresh.overall.score) * 100) / 100 };
  for (const [slice, score] of Object.entries(recorded.slices)) {
    if (fresh.slices[slice]) drops[slice] = Math.round((score - fresh.slices[slice].score) * 100) / 100;
  }
  const threshold = project.config.drift?.threshold ?? 5;
  const report: DriftFile = { checkedAt: new Date().toISOString(), data: resolve(context.cwd, data), threshold, recorded, fresh, drops, stale: Object.values(drops).some((d) => d > threshold) };
  writeJsonAtomic(join(dir, "drift.json"), report);
  printResult(context, report, () => [
    `Drift of ${dir} on ${data} (${examples.length} examples; stale past ${threshold} points below the recorded test scores):`,
    ...Object.entries(drops).map(([name, drop]) => `  ${name.padEnd(16)} recorded ${(name === "overall" ? recorded.overall : recorded.slices[name]!).toFixed(2).padStart(6)}  now ${(name === "overall" ? fresh.overall.score : fresh.slices[name]!.score).toFixed(2).padStart(6)}  ${drop > threshold ? "DRIFT" : "ok"}`),
    report.stale ? "Stale: recompile for this model revision (tsdspy compile --fresh)." : "No drift past the threshold.",
  ]);
  return report.stale ? EXIT.rejected : EXIT.ok;
}

/** Scores the baseline and every compiled candidate of one model revision on the test split; writes `evaluation.json`. */
export async function evaluateModel(context: CommandContext, project: OpenProject, model: string): Promise<EvaluationFile> {
  const lm = project.lmFor(model);
  const run = { lm, config: project.config, sliceField: project.sliceField, logger: context.logger };
  const candidates: EvaluationFile["candidates"] = {};
  const loaded = Object.keys(project.config.optimizers).map(
    (name) => [name, readJson<CandidateFile>(join(candidateDir(project.runDir, model, name), "candidate.json"), "tsdspy compile")] as const,
  );
  context.logger.info(`tsdspy evaluate: ${model}: baseline on the test split (${project.splits.test.length} examples) …`);
  const baseline = await scoreProgram(project.makeProgram(), project.splits.test, run);
  for (const [name, candidate] of loaded) {
    context.logger.info(`tsdspy evaluate: ${model}: ${name} on the test split …`);
    let program;
    try {
      program = project.makeProgram().loadState(candidate.state);
    } catch (error) {
      throw new ProjectError(
        `The candidate ${join(candidateDir(project.runDir, model, name), "candidate.json")} does not fit the program (${error instanceof Error ? error.message : String(error)}); run \`tsdspy compile --fresh\`.`,
        { cause: error },
      );
    }
    const scores = await scoreProgram(program, project.splits.test, run);
    candidates[name] = { ...scores, optimizerClass: candidate.optimizerClass, validationScore: candidate.validationScore, compileSpent: candidate.spent, fingerprint: candidate.fingerprint };
  }
  const validation = (name: string) => loaded.find(([n]) => n === name)![1].validationScore ?? -1;
  const selected = loaded.reduce((best, [name]) => (validation(name) > validation(best) ? name : best), loaded[0]![0]);
  const file: EvaluationFile = { model, test: project.splitHashes.test!, baseline, candidates, selected };
  writeJsonAtomic(join(project.runDir, safeName(model), "evaluation.json"), file);
  return file;
}

/**
 * One model revision's evaluation: the one `tsdspy evaluate` wrote, when it is of the current candidates and test
 * split; else evaluates now (so `tsdspy gate` works right after `tsdspy compile`).
 */
export async function currentEvaluation(context: CommandContext, project: OpenProject, model: string): Promise<EvaluationFile> {
  const path = join(project.runDir, safeName(model), "evaluation.json");
  if (existsSync(path)) {
    const evaluation = readJson<EvaluationFile>(path, "tsdspy evaluate");
    const current = Object.keys(project.config.optimizers).every((name) => {
      const file = join(candidateDir(project.runDir, model, name), "candidate.json");
      return evaluation.candidates[name] !== undefined && evaluation.candidates[name].fingerprint === readJson<CandidateFile>(file, "tsdspy compile").fingerprint;
    });
    if (current && evaluation.test.hash === project.splitHashes.test!.hash) return evaluation;
  }
  context.logger.info(`tsdspy: ${model} has no evaluation of its current candidates; evaluating on the test split first.`);
  return evaluateModel(context, project, model);
}

/** `tsdspy evaluate`: baseline and candidates on the untouched test split, per slice with confidence intervals. */
export async function evaluateCommand(context: CommandContext, options: { model?: string[]; artifact?: string; data?: string }): Promise<number> {
  const project = await openProject(context, options.model);
  if (options.artifact || options.data) {
    if (!options.artifact || !options.data) throw new ProjectError("Drift needs both --artifact <dir> and --data <file.jsonl>.");
    return drift(context, project, options.artifact, options.data);
  }
  const files: EvaluationFile[] = [];
  for (const model of project.models) files.push(await evaluateModel(context, project, model));
  const ci = (s: { score: number; low: number; high: number }) => `${s.score.toFixed(2).padStart(6)} [${s.low.toFixed(1)}, ${s.high.toFixed(1)}]`;
  printResult(context, { evaluations: files }, () =>
    files.flatMap((f) => [
      `${f.model} — test split (${f.test.size} examples), mean [${Math.round((project.config.evaluation?.confidence ?? 0.95) * 100)}% bootstrap interval]:`,
      `  ${"program".padEnd(22)} ${"overall".padEnd(22)} ${Object.keys(f.baseline.slices).map((s) => s.padEnd(22)).join(" ")}`,
      ...[["baseline", f.baseline] as const, ...Object.entries(f.candidates)].map(
        ([name, s]) => `  ${(name + (name === f.selected ? " *" : "")).padEnd(22)} ${ci(s.overall).padEnd(22)} ${Object.keys(f.baseline.slices).map((slice) => (s.slices[slice] ? ci(s.slices[slice]) : "—").padEnd(22)).join(" ")}`,
      ),
      `  * selected on validation score`,
    ]),
  );
  return EXIT.ok;
}

export type { ArtifactManifest };
