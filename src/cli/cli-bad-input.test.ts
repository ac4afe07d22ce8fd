import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

// Bad input: each a clear error (exit 3) naming what to fix, and nothing half-written.

async function cli(dir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    cwd: dir,
    importModule: (url) => import(url),
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    waitForStop: () => Promise.resolve(),
  });
  return { code, out: out.join(""), err: err.join("") };
}

/** A freshly initialised project (its own folder, so each project file is a new module). */
async function project(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "tsdspy-cli-bad-"));
  expect((await cli(dir, "init")).code).toBe(0);
  return dir;
}

const edit = (dir: string, file: string, change: (text: string) => string) => writeFileSync(join(dir, file), change(readFileSync(join(dir, file), "utf8")));
const rows = (dir: string) => readFileSync(join(dir, "data", "tickets.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, string>);
const writeRows = (dir: string, data: Array<Record<string, string>>) => writeFileSync(join(dir, "data", "tickets.jsonl"), data.map((r) => JSON.stringify(r)).join("\n") + "\n");

describe("tsdspy on bad input", () => {
  it("a project file with a type error names each wrong field; one that does not parse says so; nothing is written", async () => {
    const dir = await project();
    edit(dir, "tsdspy.config.ts", (t) =>
      t.replace('splits: { field: "split" }', 'splits: { train: "0.4", validation: 0.3, test: 0.3 } as never').replace("minimum: { default: 60 }", "minimum: { default: 160 }"),
    );
    const typeError = await cli(dir, "compile");
    expect(typeError.code).toBe(3);
    expect(typeError.err).toContain("tsdspy.config.ts does not match defineConfig's type:");
    expect(typeError.err).toContain('splits.train must be a number between 0 and 1 (got the string "0.4")');
    expect(typeError.err).toContain("gates.minimum.default must be a score from 0 to 100 (got number 160)");
    expect(existsSync(join(dir, "runs"))).toBe(false);

    const other = await project();
    edit(other, "tsdspy.config.ts", (t) => t.replace("export default defineConfig({", "export default defineConfig({{"));
    const syntax = await cli(other, "compile", "--json");
    expect(syntax.code).toBe(3);
    expect(syntax.err).toMatch(/The project file .*tsdspy\.config\.ts failed to load; fix it and run again/);
    expect(JSON.parse(syntax.out).error.name).toBe("ProjectError");
    expect(existsSync(join(other, "runs"))).toBe(false);

    const none = mkdtempSync(join(tmpdir(), "tsdspy-cli-empty-"));
    expect((await cli(none, "gate")).err).toContain("No tsdspy.config.ts in");
  });

  it("a missing split, and splits that overlap, are refused before anything runs", async () => {
    const missing = await project();
    writeRows(missing, rows(missing).map((r) => (r.split === "test" ? { ...r, split: "validation" } : r)));
    const empty = await cli(missing, "compile");
    expect(empty.code).toBe(3);
    expect(empty.err).toContain('The test split is empty: no example of ./data/tickets.jsonl has split = "test"');
    expect(existsSync(join(missing, "runs"))).toBe(false);

    const overlap = await project();
    const data = rows(overlap);
    const train = data.find((r) => r.split === "train")!;
    writeRows(overlap, [...data, { ...train, id: "copy-of-a-train-ticket", split: "test" }]);
    const leaked = await cli(overlap, "compile");
    expect(leaked.code).toBe(3);
    expect(leaked.err).toContain("The splits of ./data/tickets.jsonl overlap (leaked examples: ");
    expect(leaked.err).toContain("Give each example (and each distinct input) exactly one split.");
    expect(existsSync(join(overlap, "runs"))).toBe(false);
  });

  it("a corrupted run folder is named with the file and line to fix, and no report or gate is written", async () => {
    const dir = await project();
    const model = join(dir, "runs", "sim-2026-01");
    mkdirSync(join(model, "randomSearch"), { recursive: true });
    writeFileSync(join(dir, "runs", "project.json"), JSON.stringify({ programVersion: "support-v1", models: ["sim-2026-01"], optimizers: { randomSearch: "BootstrapFewShotWithRandomSearch" } }));
    writeFileSync(join(dir, "runs", "baseline.json"), JSON.stringify({ state: {} }));
    writeFileSync(join(model, "randomSearch", "trials.jsonl"), '{"v":1,"trial":1,"score":50}\n{"v":1,"trial":2,"sco');
    const report = await cli(dir, "report", "runs");
    expect(report.code).toBe(3);
    expect(report.err).toMatch(/trials\.jsonl line 2 is corrupted \(not a trial record\); delete the run folder and run `tsdspy compile` again/);
    expect(existsSync(join(dir, "runs", "report.html"))).toBe(false);

    writeFileSync(join(model, "randomSearch", "candidate.json"), '{"model": "sim-2026-01", "state": {');
    const gate = await cli(dir, "gate", "--model", "sim-2026-01");
    expect(gate.code).toBe(3);
    expect(gate.err).toMatch(/candidate\.json is corrupted \(not valid JSON\); delete it and run `tsdspy compile` again/);
    expect(readdirSync(model).sort()).toEqual(["randomSearch"]);

    const notRun = await cli(dir, "report", "data");
    expect(notRun.err).toMatch(/data is not a tsdspy run folder \(no project\.json\)/);
  });

  it("a missing artifact names what to run", async () => {
    const dir = await project();
    for (const argv of [["inspect", "artifacts/support-v1/nope"], ["serve", "artifacts/support-v1/nope"], ["evaluate", "--artifact", "artifacts/support-v1/nope", "--data", "data/tickets.jsonl"]]) {
      const result = await cli(dir, ...argv);
      expect(result.code).toBe(3);
      expect(result.err).toMatch(/No artifact at .*nope \(no manifest\.json\); promote one with `tsdspy promote`/);
    }
    const uncompiled = await cli(dir, "serve", "--model", "sim-2026-01");
    expect(uncompiled.err).toContain("compile and evaluate an artifact for this model revision (program support-v1, model sim-2026-01)");
    expect(existsSync(join(dir, "artifacts"))).toBe(false);
  });
});
