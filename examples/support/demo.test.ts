import { spawn } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { silentLogger } from "tsdspy";
import { SimLM } from "tsdspy/sim";
import { resetSettings } from "tsdspy/testing";
import { generateTickets } from "./dataset.js";
import { DATASET_PATH } from "./load-tickets.js";
import { main } from "./demo.js";

afterAll(() => resetSettings());

describe("the support demo", () => {
  it("the committed dataset is exactly what the seeded generator writes", async () => {
    const committed = await readFile(DATASET_PATH, "utf8");
    expect(committed).toBe(generateTickets().map((t) => JSON.stringify(t)).join("\n") + "\n");
  });

  it("compiles on the simulator, beats the baseline on held-out data, passes the gates, and serves from the artifact", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tsdspy-demo-"));
    let text = "";
    // With the silent logger tsdspy itself writes nothing at all: no progress, no summary lines, on either stream.
    const stdout = vi.spyOn(process.stdout, "write");
    const stderr = vi.spyOn(process.stderr, "write");
    let result: Awaited<ReturnType<typeof main>>;
    try {
      result = await main({ artifactsDir: dir, output: { write: (t: string) => (text += t) }, logger: silentLogger });
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    expect(result.candidate.score).toBeGreaterThan(result.baseline.score + 20);
    expect(result.promote).toBe(true);
    expect(text).toContain("Release decision: PROMOTE");
    const manifest = JSON.parse(await readFile(join(result.artifactDir, "manifest.json"), "utf8"));
    expect(manifest.programVersion).toBe("support-v1");
    expect(Object.keys(manifest.splits)).toEqual(["train", "validation", "test"]);
    expect(manifest.decision.promote).toBe(true);
    const state = JSON.parse(await readFile(join(result.artifactDir, "program.json"), "utf8"));
    expect(state["generate_resolution.predict"].demos.length).toBeGreaterThan(0);
    expect(state.metadata.dependency_versions).toEqual({ python: "3.11", dspy: "3.3.1", cloudpickle: "3.1" });
    expect(result.served).toContain("#40417");
    // The README states the demo's numbers on the simulator: they must be the ones it prints.
    const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
    const stated = /baseline scores\s+([\d.]+) on test and the compiled program ([\d.]+)/.exec(readme.replace(/\s+/g, " "));
    expect(stated?.slice(1)).toEqual([result.baseline.score.toFixed(2), result.candidate.score.toFixed(2)]);
  }, 60_000);

  it("with the three rules written while looking at this dataset switched off, scores what README and docs/sim.md say", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tsdspy-demo-ablation-"));
    const sim = new SimLM({ disableRules: ["passage-lessons", "shape-spans", "negated-function-words"] });
    const result = await main({ artifactsDir: dir, output: { write: () => true }, logger: silentLogger, sim });
    const ablated = result.candidate.score.toFixed(2);
    const readme = (await readFile(new URL("../../README.md", import.meta.url), "utf8")).replace(/\s+/g, " ");
    const simDoc = (await readFile(new URL("../../docs/sim.md", import.meta.url), "utf8")).replace(/\s+/g, " ");
    expect(/with them off, the compiled score is (\d+\.\d+)/.exec(readme)?.[1]).toBe(ablated);
    expect(/switched off the demo's compiled score falls from \d+\.\d+ to (\d+\.\d+)/.exec(simDoc)?.[1]).toBe(ablated);
    expect(simDoc).toContain(`\`negated-function-words\` off | ${result.baseline.score.toFixed(2)} | ${ablated} |`);
  }, 60_000);

  it("run as `npm run demo` with piped output: stdout holds only the report, stderr a few summary lines", async () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const cwd = await mkdtemp(join(tmpdir(), "tsdspy-demo-cli-"));
    const tsx = pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href; // `npm run demo` is `tsx examples/support/demo.ts`
    const child = spawn(process.execPath, ["--import", tsx, join(root, "examples/support/demo.ts")], {
      cwd,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(root, "tsconfig.json"), TSDSPY_LM: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk));
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    expect(code, err).toBe(0);

    // stdout is exactly the report the program prints (the same report as an in-process run, wall time aside).
    let report = "";
    await main({ artifactsDir: cwd, output: { write: (t: string) => (report += t) }, logger: silentLogger });
    const withoutTime = (text: string) => text.replace(/wall time [\d.]+ s/, "wall time _ s").replace(`${cwd}/`, "artifacts/");
    expect(withoutTime(out)).toBe(withoutTime(report));

    // stderr: tsdspy's summary lines, one set per evaluation or candidate, none per example, no progress-bar redraws.
    const lines = err.trimEnd().split("\n");
    const kinds = [/^Average Metric: [\d.]+ \/ 24 \([\d.]+%\)$/, /^Going to sample between 1 and 4 traces per predictor\.$/, /^Will attempt to bootstrap 6 candidate sets\.$/,
      /^New best score: [\d.]+ for seed -?\d+$/, /^Scores so far: \[[\d., ]+\]$/, /^Best score so far: [\d.]+$/,
      /^Bootstrapped \d+ full traces after \d+ examples for up to 1 rounds, amounting to \d+ attempts\.$/, /^9 candidate programs found\.$/,
      // The optimizer's estimate of the LM calls it plans (docs/optimizer-runs.md).
      /^BootstrapFewShotWithRandomSearch plans at most about \d+ LM calls: /];
    expect(lines.filter((line) => !kinds.some((kind) => kind.test(line)))).toEqual([]);
    expect(err).not.toMatch(/\r|it\/s|%\|/);
    // 2 evaluations + 9 candidates x (evaluation, scores so far, best so far) + 2 header, 1 estimate, 7 bootstrap, ≤ 9 new-best, 1 closing line.
    expect(lines.filter((line) => line.startsWith("Average Metric")).length).toBe(11);
    expect(lines.length).toBeLessThanOrEqual(2 + 9 * 3 + 2 + 1 + 7 + 9 + 1);
  }, 120_000);
});
