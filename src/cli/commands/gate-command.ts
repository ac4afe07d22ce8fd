import { join } from "node:path";
import { releaseDecision, type ReleaseDecision } from "../../release/release-gates.js";
import { EXIT, printResult, type CommandContext } from "../cli-context.js";
import { safeName, writeJsonAtomic } from "../project/run-files.js";
import { currentEvaluation, type EvaluationFile } from "./evaluate-command.js";
import { openProject, type OpenProject } from "./open-project.js";

/** One model revision's gate (`<runDir>/<model>/gate.json`): the selected candidate against the minimums and the baseline. */
export interface GateFile {
  model: string;
  selected: string;
  rows: Array<{ slice: string; count: number; baseline: number; candidate: number; minimum: number | null; pass: boolean }>;
  overall: { baseline: number; candidate: number };
  requireImprovement: boolean;
  decision: ReleaseDecision;
}

/** Applies the project's gates to one model revision's evaluation. */
export async function gateFor(context: CommandContext, project: OpenProject, model: string): Promise<GateFile> {
  const evaluation = await currentEvaluation(context, project, model);
  const candidate = evaluation.candidates[evaluation.selected]!;
  const { minimum: minimums, requireImprovement = true } = project.config.gates;
  const minimumOf = (slice: string) => minimums[slice] ?? minimums.default ?? null;
  const slices = Object.keys(evaluation.baseline.slices);
  const scores = (s: EvaluationFile["baseline"]) => Object.fromEntries(slices.map((slice) => [slice, s.slices[slice]?.score ?? 0]));
  const minimum = Object.fromEntries(slices.flatMap((slice) => (minimumOf(slice) === null ? [] : [[slice, minimumOf(slice) as number]])));
  const decision = releaseDecision({ baseline: scores(evaluation.baseline), candidate: scores(candidate), minimum, requireImprovement });
  return {
    model,
    selected: evaluation.selected,
    rows: slices.map((slice) => {
      const min = minimumOf(slice);
      const score = candidate.slices[slice]?.score ?? 0;
      return { slice, count: evaluation.baseline.slices[slice]!.count, baseline: evaluation.baseline.slices[slice]!.score, candidate: score, minimum: min, pass: min === null || score >= min };
    }),
    overall: { baseline: evaluation.baseline.overall.score, candidate: candidate.overall.score },
    requireImprovement,
    decision,
  };
}

/** Human lines for a gate. */
export function gateLines(gate: GateFile): string[] {
  const verdict = gate.decision.promote
    ? "PASS"
    : `FAIL — ${gate.decision.failedGates.length ? `slices under their minimum: ${gate.decision.failedGates.join(", ")}` : "the candidate does not beat the baseline"}`;
  return [
    `${gate.model} — candidate ${gate.selected}: ${verdict}`,
    `  ${"slice".padEnd(16)} ${"n".padStart(3)}  baseline  candidate  minimum  gate`,
    ...gate.rows.map(
      (r) => `  ${r.slice.padEnd(16)} ${String(r.count).padStart(3)}  ${r.baseline.toFixed(2).padStart(8)}  ${r.candidate.toFixed(2).padStart(9)}  ${(r.minimum === null ? "—" : r.minimum.toFixed(2)).padStart(7)}  ${r.pass ? "pass" : "FAIL"}`,
    ),
    `  ${"overall".padEnd(16)}      ${gate.overall.baseline.toFixed(2).padStart(8)}  ${gate.overall.candidate.toFixed(2).padStart(9)}`,
  ];
}

/** `tsdspy gate`: exit 0 when every model revision's candidate passes, 1 when any fails. */
export async function gateCommand(context: CommandContext, options: { model?: string[] }): Promise<number> {
  const project = await openProject(context, options.model);
  const gates: GateFile[] = [];
  for (const model of project.models) gates.push(await gateFor(context, project, model));
  for (const gate of gates) writeJsonAtomic(join(project.runDir, safeName(gate.model), "gate.json"), gate);
  const pass = gates.every((g) => g.decision.promote);
  printResult(context, { pass, gates }, () => [...gates.flatMap(gateLines), pass ? "All gates pass." : "A gate failed: do not promote."]);
  return pass ? EXIT.ok : EXIT.rejected;
}
