import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { resetSettings } from "../testing/reset-settings.js";
import { runCli, type CliIO } from "./run-cli.js";
import { openReportInChromium, CHROMIUM, CHROMIUM_MISSING } from "./report/report-browser.case.js";

// The whole lifecycle on the simulator in a fresh folder, through the same entry point as the `tsdspy` executable:
// init → compile (two optimizers × two model revisions) → evaluate → gate (pass, and a strict project that fails) →
// promote → matrix → serve (a real HTTP request) → inspect → drift → report, then the report in headless Chromium.

const dir = mkdtempSync(join(tmpdir(), "tsdspy-cli-flow-"));
const started = performance.now();
afterAll(() => resetSettings());

function io(onStdout?: (text: string) => void): CliIO & { out: () => string; err: () => string; stop: () => void } {
  const out: string[] = [];
  const err: string[] = [];
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  return {
    cwd: dir,
    importModule: (url) => import(url),
    stdout: (text) => {
      out.push(text);
      onStdout?.(text);
    },
    stderr: (text) => void err.push(text),
    waitForStop: () => stopped,
    out: () => out.join(""),
    err: () => err.join(""),
    stop: () => stop(),
  };
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string; json: any }> {
  const run = io();
  const code = await runCli(argv, run);
  let json: unknown = null;
  if (argv.includes("--json")) json = JSON.parse(run.out());
  return { code, out: run.out(), err: run.err(), json };
}

const lines = (path: string): Array<Record<string, any>> => readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));

describe("the tsdspy CLI, end to end on the simulator", () => {
  it("init scaffolds a project, and compile runs every optimizer × model revision into the run folder", async () => {
    const init = await cli("init", "--json");
    expect(init.code).toBe(0);
    expect(init.json.files).toEqual(["tsdspy.config.ts", "program.ts", "metric.ts", "data/tickets.jsonl", ".gitignore", "package.json"]);
    expect((await cli("init")).code).toBe(3); // never overwrites
    // A stricter copy of the project: the same candidates, an unreachable minimum on one slice.
    const config = readFileSync(join(dir, "tsdspy.config.ts"), "utf8");
    writeFileSync(join(dir, "strict.config.ts"), config.replace("minimum: { default: 60 }", "minimum: { default: 60, adversarial: 99 }"));

    const compile = await cli("compile", "--json");
    expect(compile.code).toBe(0);
    expect(compile.err).toContain("tsdspy compile: gepa (GEPA) × sim-2026-06");
    const candidates = compile.json.candidates as Array<{ model: string; optimizer: string; validationScore: number; spent: { lmCalls: number } }>;
    expect(candidates.map((c) => `${c.model}/${c.optimizer}`)).toEqual(["sim-2026-01/randomSearch", "sim-2026-01/gepa", "sim-2026-06/randomSearch", "sim-2026-06/gepa"]);
    for (const c of candidates) {
      expect(c.spent.lmCalls).toBeGreaterThan(0);
      expect(c.spent.lmCalls).toBeLessThanOrEqual(400);
      expect(lines(join(dir, "runs", c.model, c.optimizer, "trials.jsonl")).length).toBeGreaterThan(0);
    }
    // Resumable: a second compile finds every candidate done and spends nothing.
    const again = await cli("compile", "--json");
    expect(again.json.candidates.every((c: { resumed: boolean }) => c.resumed)).toBe(true);
  }, 120_000);

  it("evaluate scores baseline and candidates per slice with bootstrap intervals; gate passes, the strict project fails", async () => {
    const evaluate = await cli("evaluate", "--json");
    expect(evaluate.code).toBe(0);
    for (const e of evaluate.json.evaluations) {
      expect(Object.keys(e.baseline.slices)).toEqual(["adversarial", "damaged_item", "late_delivery", "refund"]);
      const selected = e.candidates[e.selected];
      expect(selected.validationScore).toBe(Math.max(...Object.values(e.candidates).map((c: any) => c.validationScore)));
      for (const s of [e.baseline.overall, selected.overall, ...Object.values(selected.slices)] as Array<{ score: number; low: number; high: number }>) {
        expect(s.low).toBeLessThanOrEqual(s.score);
        expect(s.high).toBeGreaterThanOrEqual(s.score);
      }
    }
    const gate = await cli("gate", "--json");
    expect(gate.code).toBe(0);
    expect(gate.json.pass).toBe(true);
    const strict = await cli("gate", "--config", "strict.config.ts");
    expect(strict.code).toBe(1);
    expect(strict.out).toContain("FAIL — slices under their minimum: adversarial");
    const refused = await cli("promote", "--config", "strict.config.ts");
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("Refusing to promote");
    expect(existsSync(join(dir, "artifacts"))).toBe(false);
  });

  it("promote writes artifacts into the registry; matrix lists them; serving an uncompiled revision fails", async () => {
    const promote = await cli("promote", "--json");
    expect(promote.code).toBe(0);
    expect(promote.json.promoted.map((p: { model: string }) => p.model)).toEqual(["sim-2026-01", "sim-2026-06"]);
    const manifest = JSON.parse(readFileSync(join(dir, "artifacts", "support-v1", "sim-2026-01", "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ programVersion: "support-v1", model: "sim-2026-01", metric: "resolutionQuality", decision: { promote: true } });
    const matrix = await cli("matrix", "--json");
    expect(matrix.json.cells.map((c: { model: string; status: string }) => `${c.model}:${c.status}`)).toEqual(["sim-2026-01:current", "sim-2026-06:current"]);
    const missing = await cli("serve", "--model", "sim-2027-01");
    expect(missing.code).toBe(3);
    expect(missing.err).toContain("compile and evaluate an artifact for this model revision (program support-v1, model sim-2027-01)");
  });

  it("serve answers real HTTP requests from the artifact, read-only, streamed or not; inspect shows its prompt", async () => {
    let printed: (url: string) => void = () => {};
    const urlPrinted = new Promise<string>((resolve) => (printed = resolve));
    const server = io((text) => printed(text.trim()));
    const running = runCli(["serve", "artifacts/support-v1/sim-2026-01", "--port", "0"], server);
    const url = await urlPrinted;
    expect(await (await fetch(`${url}/health`)).json()).toMatchObject({ status: "ok", model: "sim-2026-01", programVersion: "support-v1" });
    const ticket = { ticket_text: "Order #40417 arrived with a cracked screen.", policy_context: "Damaged Item Policy: items that arrive damaged qualify for a free replacement shipped within 2 business days." };
    const reply = await fetch(`${url}/predict`, { method: "POST", body: JSON.stringify(ticket) });
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as { resolution: string }).resolution).toMatch(/replacement/i);
    expect((await fetch(`${url}/predict`, { method: "POST", body: "{}" })).status).toBe(400);

    // POST /predict/stream: the output fields' pieces as server-sent events, then the prediction. A ticket no earlier
    // step asked about, so the reply is not a cache hit (which would arrive in one piece and stream nothing).
    const fresh = { ...ticket, ticket_text: "Order #52818 came with a dented lid; the kettle inside is damaged too." };
    const stream = await fetch(`${url}/predict/stream`, { method: "POST", body: JSON.stringify(fresh) });
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const events = (await stream.text()).split("\n\n").filter(Boolean).map((event) => event.replace(/^data: /, ""));
    expect(events.at(-1)).toBe("[DONE]");
    const parsed = events.slice(0, -1).map((event) => JSON.parse(event));
    const { prediction } = parsed.at(-1);
    const pieces = (field: string) => parsed.filter((e) => e.stream_response?.signature_field_name === field).map((e) => e.stream_response);
    for (const field of ["reasoning", "resolution"]) {
      expect(pieces(field).length).toBeGreaterThan(1);
      expect(pieces(field).every((p) => p.predict_name === "generate_resolution.predict")).toBe(true);
      expect(pieces(field).at(-1).is_last_chunk).toBe(true);
      expect(pieces(field).map((p) => p.chunk).join("").trim()).toBe(prediction[field]);
    }
    expect(prediction.resolution).toMatch(/replacement/i);
    expect((await fetch(`${url}/predict/stream`, { method: "POST", body: "{}" })).status).toBe(400);
    server.stop();
    expect(await running).toBe(0);

    const inspect = await cli("inspect", "artifacts/support-v1/sim-2026-01", "--json");
    const [predictor] = inspect.json.predictors;
    expect(predictor.name).toBe("generate_resolution.predict");
    expect(predictor.demos.length).toBeGreaterThan(0);
    expect(predictor.messages.at(-1).content).toContain("{ticket_text}");
  });

  it("evaluate --artifact --data finds drift on fresh data and marks the matrix cell stale", async () => {
    // Fresh data where every ticket's policy changed: the recorded remedies no longer hold.
    const fresh = readFileSync(join(dir, "data", "tickets.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => ({ ...JSON.parse(line), remedy: "store credit of $1" }));
    writeFileSync(join(dir, "fresh.jsonl"), fresh.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const drift = await cli("evaluate", "--artifact", "artifacts/support-v1/sim-2026-01", "--data", "fresh.jsonl", "--json");
    expect(drift.code).toBe(1);
    expect(drift.json.stale).toBe(true);
    const matrix = await cli("matrix", "--json");
    expect(matrix.json.cells[0]).toMatchObject({ model: "sim-2026-01", status: "stale" });
    expect(matrix.json.cells[0].reasons[0]).toMatch(/^drift on fresh data/);
  });

  it("report writes one static HTML file; a real headless Chromium draws every point of the run log", async () => {
    const report = await cli("report", "runs", "--json");
    expect(report.code).toBe(0);
    const html = readFileSync(report.json.report, "utf8");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    // What the plots must show, counted from the run folder itself.
    const trials = ["sim-2026-01", "sim-2026-06"].flatMap((m) => ["randomSearch", "gepa"].flatMap((o) => lines(join(dir, "runs", m, o, "trials.jsonl"))));
    const scored = trials.filter((t) => typeof t.score === "number").length;
    const pareto = trials
      .filter((t) => t.optimizer === "GEPA")
      .reduce((n, t) => n + new Set(t.extra.paretoPrograms.flatMap(([, programs]: [number, number[]]) => programs)).size, 0);
    const manifests = ["sim-2026-01", "sim-2026-06"].map((m) => JSON.parse(readFileSync(join(dir, "artifacts", "support-v1", m, "manifest.json"), "utf8")));
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(`tsdspy CLI flow (init → report) took ${seconds.toFixed(1)} s\n`);

    if (!CHROMIUM) {
      process.stderr.write(CHROMIUM_MISSING);
      return;
    }
    const page = await openReportInChromium(report.json.report, join(fileURLToPath(new URL("../../test-output/", import.meta.url)), "cli-report.png"));
    expect(page.errors).toEqual([]);
    expect(page.marks.trials).toEqual({ dots: scored, bars: 0 });
    expect(page.marks.pareto).toEqual({ dots: pareto, bars: 0 });
    for (const m of manifests) {
      expect(page.marks[`slices-${m.model}`]!.bars).toBe(2 * Object.keys(m.scores.candidate.slices).length);
      const rows = page.gateRows.filter((r) => r.model === m.model);
      expect(rows.map((r) => [r.slice, r.baseline, r.candidate])).toEqual(
        Object.keys(m.scores.candidate.slices).map((slice) => [slice, m.scores.baseline.slices[slice].score.toFixed(2), m.scores.candidate.slices[slice].score.toFixed(2)]),
      );
      expect(rows.map((r) => r.minimum)).toEqual(Object.keys(m.scores.candidate.slices).map((slice) => m.scores.minimum[slice].toFixed(2)));
      expect(rows.every((r) => r.gate === "pass")).toBe(m.decision.promote);
    }
    expect(page.marks["cost-calls"]!.bars).toBe(6);
    expect(existsSync(page.screenshot)).toBe(true);
    process.stderr.write(`run report screenshot: ${page.screenshot}\n`);
  }, 120_000);
});

