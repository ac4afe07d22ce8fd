import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resetSettings } from "../../context/settings.js";
import { AbortError } from "../../errors/abort-error.js";
import { runLetterOptimizer } from "./__fixtures__/letter-run.js";
import { CHECKPOINT_FILE } from "./run-checkpoint.js";

const dirs: string[] = [];
afterEach(async () => {
  resetSettings();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tsdspy-abort-"));
  dirs.push(dir);
  return dir;
}

describe.each(["BootstrapRS", "MIPROv2"] as const)("%s aborted mid-run with a runDir", (optimizer) => {
  it("rejects with AbortError naming the compile, stops calling the LM, and resumes from its checkpoint to the same result", async () => {
    const reference = await runLetterOptimizer({ optimizer, runDir: await tempDir() });
    const runDir = await tempDir();
    const controller = new AbortController();
    const abortAt = Math.floor(reference.callsHere / 2);
    let callsAfterAbort = 0;
    const aborted = runLetterOptimizer({
      optimizer,
      runDir,
      signal: controller.signal,
      onLmCall: (calls) => {
        if (controller.signal.aborted) callsAfterAbort++;
        if (calls === abortAt) controller.abort();
      },
    });
    const error = await aborted.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    const name = optimizer === "MIPROv2" ? "MIPROv2" : "BootstrapFewShotWithRandomSearch";
    expect((error as AbortError).message).toBe(`${name}.compile() was cancelled: its AbortSignal was aborted.`);
    // Calls already in flight when abort() ran may still end; no new one is started after them.
    expect(callsAfterAbort).toBeLessThanOrEqual(2);
    const checkpoint = JSON.parse(await readFile(join(runDir, CHECKPOINT_FILE), "utf8")) as { steps: unknown[] };
    expect(checkpoint.steps.length).toBeGreaterThan(0);

    const resumed = await runLetterOptimizer({ optimizer, runDir });
    expect(resumed.resumedSteps).toBe(checkpoint.steps.length);
    expect(resumed.state).toEqual(reference.state);
    expect(resumed.candidates).toEqual(reference.candidates);
    expect(resumed.callsHere).toBeLessThan(reference.callsHere);
  });
});
