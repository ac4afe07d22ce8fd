import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { childSummary, runChild } from "../__fixtures__/run-child.js";
import { CHECKPOINT_FILE, TRIALS_FILE, type RunCheckpoint } from "../run/run-checkpoint.js";

const CHILD = fileURLToPath(new URL("./__fixtures__/gepa-resume-child.ts", import.meta.url));

interface ChildSummary {
  final: unknown;
  details: Record<string, unknown>;
  status: string;
  spent: { lmCalls: number; metricCalls: number };
  resumedSteps: number;
  trials: unknown[];
  callsHere: number;
}

const summary = (args: Record<string, unknown>) => childSummary<ChildSummary>(CHILD, args);

describe("GEPA resumes after kill -9", () => {
  it("a run killed mid-search continues from its checkpoint without repeating paid steps and ends as an uninterrupted run", async () => {
    const fixture = "single-pareto";
    const whole = await summary({ fixture, runDir: await mkdtemp(join(tmpdir(), "gepa-whole-")) });
    expect(whole.resumedSteps).toBe(0);
    expect(whole.status).toBe("completed");

    const runDir = await mkdtemp(join(tmpdir(), "gepa-killed-"));
    const killed = await runChild(CHILD, { fixture, runDir, killAfter: Math.floor(whole.callsHere * 0.6) });
    expect(killed.signal).toBe("SIGKILL");
    const checkpoint = JSON.parse(await readFile(join(runDir, CHECKPOINT_FILE), "utf8")) as RunCheckpoint;
    const paid = checkpoint.steps.at(-1)?.spent.lmCalls ?? 0;
    expect(checkpoint.steps.length).toBeGreaterThan(2);

    const resumed = await summary({ fixture, runDir });
    expect(resumed.resumedSteps).toBe(checkpoint.steps.length);
    expect(resumed.callsHere).toBe(whole.callsHere - paid);
    expect(resumed.spent.lmCalls).toBe(whole.spent.lmCalls);
    expect(resumed.final).toEqual(whole.final);
    expect(resumed.details).toEqual(whole.details);
    expect(resumed.trials).toEqual(whole.trials);
    const lines = (await readFile(join(runDir, TRIALS_FILE), "utf8")).trim().split("\n");
    expect(lines).toHaveLength(whole.trials.length);
  }, 60_000);
});
