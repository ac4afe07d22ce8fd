import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../context/logger.js";
import { resetSettings, withSettings } from "../../context/settings.js";
import { Example } from "../../primitives/example.js";
import type { Prediction } from "../../primitives/prediction.js";
import { DummyLM } from "../../testing/dummy-lm.js";
import { parsePyJson } from "../../python/py-json.js";
import { buildProgram, makeAdapter } from "../__fixtures__/bootstrap-case.js";
import { BootstrapFewShotWithRandomSearch } from "./bootstrap-few-shot-with-random-search.js";

/** Scenarios run by the real DSPy 3.3.1 (`__fixtures__/gen_random_search.py`), with its printed lines and candidates. */
const scenarios = parsePyJson(readFileSync(new URL("../__fixtures__/random-search.oracle.json", import.meta.url), "utf8")) as Array<
  Record<string, any>
>;

afterEach(() => resetSettings());

describe("BootstrapFewShotWithRandomSearch replays DSPy", () => {
  it.each(scenarios.map((s) => [s.name as string, s] as const))("%s", async (_name, s) => {
    const program = buildProgram(s.program);
    const examples = (s.trainset as Array<Record<string, unknown>>).map((ex) => new Example(ex).withInputs(...(s.input_keys as string[])));
    const valset = s.valset ? (s.valset as number[]).map((i) => examples[i] as Example) : null;
    const adapter = makeAdapter(s.adapter);
    const lm = new DummyLM(s.lm.answers, { adapter });
    const printed: string[] = [];
    const p = s.params as Record<string, any>;
    const optimizer = new BootstrapFewShotWithRandomSearch({
      metric: (example: Example, prediction: Prediction) => example.answer === prediction.answer,
      maxBootstrappedDemos: p.max_bootstrapped_demos,
      maxLabeledDemos: p.max_labeled_demos,
      numCandidatePrograms: p.num_candidate_programs,
      numThreads: p.num_threads,
      ...(p.max_rounds !== undefined ? { maxRounds: p.max_rounds } : {}),
      ...(p.stop_at_score !== undefined ? { stopAtScore: Number(p.stop_at_score) } : {}),
      displayProgress: false,
      output: { write: (text: string) => printed.push(text) },
    });
    const c = s.compile as Record<string, any>;
    const best = await withSettings({ lm, adapter, logger: silentLogger }, () =>
      optimizer.compile(program, {
        trainset: examples,
        valset,
        ...(c.restrict ? { restrict: c.restrict as number[] } : {}),
        ...(c.labeled_sample !== undefined ? { labeledSample: c.labeled_sample as boolean } : {}),
      }),
    );
    expect(printed.join("")).toBe(s.expected.stdout);
    const candidates = best.candidatePrograms.map((candidate) => {
      const state = candidate.program.dumpState() as Record<string, { demos: unknown[] }>;
      return {
        seed: candidate.seed,
        score: candidate.score,
        subscores: candidate.subscores,
        demos: Object.fromEntries(Object.entries(state).map(([name, st]) => [name, st.demos])),
        is_best: candidate.program === best,
      };
    });
    expect(JSON.parse(JSON.stringify(candidates))).toEqual(JSON.parse(JSON.stringify(s.expected.candidates)));
  });
});
