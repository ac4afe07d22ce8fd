import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../context/logger.js";
import { withSettings } from "../../context/settings.js";
import { canonical } from "../gepa/__fixtures__/replay-lm.js";
import { dataset, METRICS, PROGRAMS } from "../gepa/__fixtures__/rule-task.js";
import { SequenceReplay, type CompactCall } from "../gepa/__fixtures__/sequence-replay.js";
import { SIMBA, type SIMBAOptions } from "./simba.js";

interface SimbaFixture {
  name: string;
  program: string;
  metric: string;
  trainset: Array<{ word: string; rule: number; answer: string }>;
  options: Record<string, number>;
  seed: number;
  teacher: boolean;
  program_code: string;
  calls: CompactCall[];
  strings: string[];
  result: { state: unknown; candidate_scores: number[]; candidate_states: unknown[]; trial_logs: Record<string, Record<string, number>> };
}

const dir = new URL("./__fixtures__/simba-runs/", import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")) as SimbaFixture);

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const plain = (value: unknown) => JSON.parse(canonical(value));

describe("SIMBA replays recorded DSPy 3.3.1 runs request by request", () => {
  it("has the recordings", () => expect(fixtures.length).toBeGreaterThanOrEqual(4));

  for (const fixture of fixtures) {
    it(`${fixture.name}: same requests in the same order, same candidates and scores, same final program`, async () => {
      const replay = new SequenceReplay(fixture.calls, fixture.strings);
      const lm = replay.lm("task");
      const compiled = await withSettings({ lm }, () => {
        const options = Object.fromEntries(Object.entries(fixture.options).map(([k, v]) => [camel(k), v])) as Partial<SIMBAOptions>;
        const simba = new SIMBA({
          metric: METRICS[fixture.metric] as SIMBAOptions["metric"],
          numThreads: 1,
          programSource: fixture.program_code,
          logger: silentLogger,
          ...(fixture.teacher ? { teacherSettings: { lm: replay.lm("teacher") } } : {}),
          ...options,
        });
        return simba.compile(PROGRAMS[fixture.program]!(), { trainset: dataset(fixture.trainset), seed: fixture.seed });
      });
      // The first request that differs is named here; none may.
      expect(replay.divergence).toBeNull();
      expect(replay.cursor).toBe(fixture.calls.length);
      expect(compiled.candidatePrograms.map((c) => c.score)).toEqual(fixture.result.candidate_scores);
      expect(plain(compiled.candidatePrograms.map((c) => c.program.dumpState()))).toEqual(plain(fixture.result.candidate_states));
      expect(plain(compiled.dumpState())).toEqual(plain(fixture.result.state));
      expect(plain(compiled.trialLogs)).toEqual(plain(fixture.result.trial_logs));
    });
  }
});
