import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withSettings } from "../../context/settings.js";
import { silentLogger } from "../../context/logger.js";
import { canonical } from "./__fixtures__/replay-lm.js";
import { dataset, METRICS, PROGRAMS } from "./__fixtures__/rule-task.js";
import { SequenceReplay, type CompactCall } from "./__fixtures__/sequence-replay.js";
import { GEPA, type GEPAOptions } from "./gepa.js";

interface RunFixture {
  name: string;
  program: string;
  metric: string;
  trainset: Array<{ word: string; rule: number; answer: string }>;
  valset: Array<{ word: string; rule: number; answer: string }>;
  options: Record<string, unknown>;
  calls: CompactCall[];
  strings: string[];
  run_log: Array<Record<string, unknown>> | null;
  result: { final: Record<string, string>; details: Record<string, unknown> } | null;
  error: string | null;
}

const dir = new URL("./__fixtures__/gepa-runs/", import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")) as RunFixture);

/** DSPy's snake_case options as tsdspy's GEPA options. */
function optionsOf(fixture: RunFixture): Partial<GEPAOptions> {
  const o = fixture.options;
  const map: Record<string, keyof GEPAOptions> = {
    max_metric_calls: "maxMetricCalls",
    seed: "seed",
    candidate_selection_strategy: "candidateSelectionStrategy",
    use_merge: "useMerge",
    reflection_minibatch_size: "reflectionMinibatchSize",
    component_selector: "componentSelector",
    add_format_failure_as_feedback: "addFormatFailureAsFeedback",
    skip_perfect_score: "skipPerfectScore",
    max_merge_invocations: "maxMergeInvocations",
  };
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [map[k] ?? k, v]));
}

describe("GEPA replays recorded DSPy 3.3.1 + gepa 0.1.4 runs request by request", () => {
  it("has the recordings", () => expect(fixtures.length).toBeGreaterThanOrEqual(7));

  for (const fixture of fixtures) {
    it(`${fixture.name}: same requests in the same order, same candidates, same final program`, async () => {
      const replay = new SequenceReplay(fixture.calls, fixture.strings);
      const runDir = mkdtempSync(join(tmpdir(), "gepa-replay-"));
      const optimizer = new GEPA({
        runDir,
        logger: silentLogger,
        metric: METRICS[fixture.metric] as GEPAOptions["metric"],
        reflectionLm: replay.lm("reflection"),
        numThreads: 1,
        trackStats: true,
        ...optionsOf(fixture),
      } as GEPAOptions);
      let error: unknown = null;
      let compiled: Awaited<ReturnType<GEPA["compile"]>> | null = null;
      try {
        compiled = await withSettings({ lm: replay.lm("task") }, () =>
          optimizer.compile(PROGRAMS[fixture.program]!(), { trainset: dataset(fixture.trainset), valset: dataset(fixture.valset) }),
        );
      } catch (e) {
        error = e;
      }
      // The first request that differs is named here; none may.
      expect(replay.divergence).toBeNull();
      expect(replay.cursor).toBe(fixture.calls.length);
      if (fixture.error) {
        expect(String(error)).toContain(fixture.error.split(": ").slice(1).join(": "));
        return;
      }
      expect(error).toBeNull();
      const { log_dir: _logDir, best_outputs_valset: _outputs, ...details } = compiled!.detailedResults!.toDict();
      const expected = fixture.result!.details;
      expect(JSON.parse(canonical(details))).toEqual(JSON.parse(canonical(expected)));
      // gepa's per-iteration trace (run_log.json), key for key.
      const runLog = JSON.parse(readFileSync(join(runDir, "run_log.json"), "utf8"));
      expect(JSON.parse(canonical(runLog))).toEqual(JSON.parse(canonical(fixture.run_log)));
      rmSync(runDir, { recursive: true, force: true });
      const final = Object.fromEntries(compiled!.namedPredictors().map(([name, p]) => [name, (p as unknown as { signature: { instructions: string } }).signature.instructions]));
      expect(final).toEqual(fixture.result!.final);
    });
  }
});
