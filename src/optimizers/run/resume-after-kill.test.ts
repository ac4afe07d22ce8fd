import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { childSummary, runChild } from "../__fixtures__/run-child.js";
import { runLetterOptimizer, type LetterRunSummary } from "./__fixtures__/letter-run.js";
import { CHECKPOINT_FILE, TRIALS_FILE, type RunCheckpoint } from "./run-checkpoint.js";

const CHILD = fileURLToPath(new URL("./__fixtures__/resume-child.ts", import.meta.url));

const summary = (args: Record<string, unknown>) => childSummary<LetterRunSummary>(CHILD, args);

describe("resume after kill -9", () => {
  for (const optimizer of ["BootstrapRS", "MIPROv2"] as const) {
    it(`${optimizer} killed mid-run continues from its checkpoint and ends as an uninterrupted run`, async () => {
      const whole = await runLetterOptimizer({ optimizer, runDir: await mkdtemp(join(tmpdir(), "tsdspy-whole-")) });
      expect(whole.resumedSteps).toBe(0);
      expect(whole.callsHere).toBe(whole.spent.lmCalls);

      const runDir = await mkdtemp(join(tmpdir(), "tsdspy-killed-"));
      const killed = await runChild(CHILD, { optimizer, runDir, killAfter: Math.floor(whole.callsHere / 2) });
      expect(killed.signal).toBe("SIGKILL");
      const checkpoint = JSON.parse(await readFile(join(runDir, CHECKPOINT_FILE), "utf8")) as RunCheckpoint;
      const paid = checkpoint.steps.at(-1)?.spent.lmCalls ?? 0;
      expect(checkpoint.steps.length).toBeGreaterThan(0);
      expect(paid).toBeGreaterThan(0);

      const resumed = await summary({ optimizer, runDir });
      expect(resumed.resumedSteps).toBe(checkpoint.steps.length);
      // Nothing that was checkpointed is paid for again; only the step the kill interrupted is redone.
      expect(resumed.callsHere).toBe(whole.callsHere - paid);
      expect(resumed.spent.lmCalls).toBe(whole.spent.lmCalls);
      expect(resumed.state).toEqual(whole.state);
      expect(resumed.candidates).toEqual(whole.candidates);
      expect(resumed.trials).toEqual(whole.trials);
      const lines = (await readFile(join(runDir, TRIALS_FILE), "utf8")).trim().split("\n").map((line) => JSON.parse(line) as { trial: number; score: number });
      expect(lines.map((line) => [line.trial, line.score])).toEqual((whole.trials ?? []).map(([trial, score]) => [trial, score]));
    }, 60_000);
  }
});
