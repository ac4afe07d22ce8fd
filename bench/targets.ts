/**
 * The per-call, memory and cold-start targets of the lean core (issue 8), measured as a user runs tsdspy: against the
 * package as built (the esbuild bundle of dist/, written to a temporary directory for this run), beside a raw `fetch`
 * of the same request to the same zero-latency OpenAI-compatible server on 127.0.0.1, in the same run. Time figures are
 * the median of 5 batch medians of 1,000 calls; the HTTP calls alternate with their raw-fetch baseline call by call,
 * and the overhead is the median of the per-round differences, so that a change in the machine's load hits both. Prints one line per target: measured, baseline, target, met / not met.
 *
 *   npx tsx bench/targets.ts
 */
import { execFileSync, fork, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Metafile } from "esbuild";
import { bundle } from "../scripts/bundle.js";
import { BENCH_ANSWER as ANSWER, BENCH_MESSAGES as MESSAGES, BENCH_REPLY as REPLY, startReplyServer } from "./shared/reply-server.js";

type Tsdspy = typeof import("../src/index.js");

const BATCHES = 5;
const BATCH_CALLS = 1_000;
const WARMUP = 300;
const COLD_RUNS = 5;
const INPUTS = { question: "What is the capital of France?", context: ["Paris is the capital of France.", "France is in Europe."] };

/** One batch's median and the median of the batch medians, in milliseconds. */
interface Timing {
  medianMs: number;
  batchMediansMs: number[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Runs the paths in turn, call by call (one call of each path, then the next round), for 5 batches of 1,000 rounds
 * after a warm-up. `pairs` name the differences to measure (path minus its baseline), taken round by round so that a
 * change in the machine's load between rounds hits both sides.
 */
async function interleaved(paths: Record<string, () => Promise<unknown>>, pairs: Record<string, [string, string]> = {}): Promise<Record<string, Timing>> {
  const names = Object.keys(paths);
  const runs = Object.values(paths);
  for (let i = 0; i < WARMUP; i++) for (const run of runs) await run();
  const batches: Record<string, number[]> = Object.fromEntries([...names, ...Object.keys(pairs)].map((name) => [name, []]));
  for (let b = 0; b < BATCHES; b++) {
    const times = names.map(() => new Array<number>(BATCH_CALLS));
    for (let i = 0; i < BATCH_CALLS; i++) {
      for (let p = 0; p < runs.length; p++) {
        const start = performance.now();
        await runs[p]!();
        times[p]![i] = performance.now() - start;
      }
    }
    names.forEach((name, p) => batches[name]!.push(median(times[p]!)));
    for (const [name, [path, baseline]] of Object.entries(pairs)) {
      const a = times[names.indexOf(path)]!;
      const base = times[names.indexOf(baseline)]!;
      batches[name]!.push(median(a.map((t, i) => t - base[i]!)));
    }
  }
  return Object.fromEntries(Object.entries(batches).map(([name, list]) => [name, { medianMs: median(list), batchMediansMs: list }]));
}

/** The shared setup of the client processes: the bundle, a quiet logger, a Predict with 3 demos. */
async function client(url: string) {
  const ts = (await import(process.env.BENCH_BUNDLE!)) as Tsdspy;
  ts.configure({ logger: ts.silentLogger });
  const demos = [1, 2, 3].map((i) => new ts.Example({ question: `What is ${i} + ${i}?`, context: ["a passage", "another one"], answer: String(2 * i) }));
  const makePredict = (lm: InstanceType<Tsdspy["BaseLM"]>) => {
    const predict = new ts.Predict("question, context: list[str] -> answer");
    predict.demos = demos;
    predict.lm = lm;
    return predict;
  };
  const httpLM = (options: { cache?: boolean; fetch?: typeof fetch } = {}) =>
    new ts.LM("openai/gpt-4o-mini", { apiBase: `${url}/v1`, apiKey: "sk-bench", cache: false, cacheStore: new ts.LMCache({ enableDisk: false }), ...options });
  /** The JSON body an LM sends for `call`, captured once so that raw fetch posts the very same request. */
  const capturedBody = async (call: (lm: InstanceType<Tsdspy["LM"]>) => Promise<unknown>): Promise<string> => {
    let body = "";
    const capture: typeof fetch = (input, init) => {
      body = String(init?.body);
      return fetch(input, init);
    };
    await call(httpLM({ fetch: capture }));
    return body;
  };
  const rawFetch = (body: string) => async () => {
    const res = await fetch(`${url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer sk-bench" }, body });
    const json = (await res.json()) as { choices: Array<{ message: { content: string } }> };
    return json.choices[0]!.message.content;
  };
  return { ts, makePredict, httpLM, capturedBody, rawFetch };
}

/** Child process: every time figure. */
async function timings(url: string): Promise<{ timing: Record<string, Timing>; predictBody: string }> {
  const { ts, makePredict, httpLM, capturedBody, rawFetch } = await client(url);
  class InstantLM extends ts.BaseLM {
    constructor() {
      super("bench/instant");
    }
    protected async forward(): Promise<import("../src/index.js").LMResponse> {
      return { outputs: [{ text: ANSWER }], usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 } };
    }
  }
  const inProcess = makePredict(new InstantLM());
  const hitLM = httpLM({ cache: true });
  await hitLM.call(MESSAGES);
  const lm = httpLM();
  const predict = makePredict(httpLM());
  const lmBody = await capturedBody((l) => l.call(MESSAGES));
  const predictBody = await capturedBody((l) => makePredict(l).call(INPUTS));
  const local = await interleaved({ predictInProcess: () => inProcess.call(INPUTS), cacheHit: () => hitLM.call(MESSAGES) });
  const http = await interleaved(
    { fetchLM: rawFetch(lmBody), lm: () => lm.call(MESSAGES), fetchPredict: rawFetch(predictBody), predict: () => predict.call(INPUTS) },
    { lmOverFetch: ["lm", "fetchLM"], predictOverFetch: ["predict", "fetchPredict"] },
  );
  return { timing: { ...local, ...http }, predictBody };
}

interface Memory {
  peakRssMb: number;
  /** Heap retained per call (after GC) between call 1,000 and the last call. */
  retainedBytesPerCall: number;
}

/** Peak RSS and retained heap over 5,000 calls of one path, default settings (history on), in plain Node (see the child). */
async function memory(path: "fetch" | "predict" | "predict-no-history", env: Record<string, string>): Promise<Memory> {
  const script = fileURLToPath(new URL("./shared/memory-child.mjs", import.meta.url));
  const run = spawn(process.execPath, ["--expose-gc", script, path], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  run.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => run.on("close", resolve));
  if (code !== 0) throw new Error(`memory child ${path} exited with ${code}`);
  return JSON.parse(out) as Memory;
}

interface ColdStart {
  importMs: number;
  importCpuMs: number;
  firstCallMs: number;
}

/** A fresh `node` (no tsx) importing the bundle as a user's program does, then one Predict.call on an in-process LM. */
function coldStart(bundleDir: string, recordLoads?: string): ColdStart {
  const hooks = pathToFileURL(fileURLToPath(new URL("../scripts/architecture/record-module-loads.mjs", import.meta.url))).href;
  const script = [
    recordLoads ? `import { register } from "node:module"; register(${JSON.stringify(hooks)}, { data: { out: ${JSON.stringify(recordLoads)} } });` : "",
    "const cpu0 = process.cpuUsage(); const t0 = performance.now();",
    `const { Predict, configure, BaseLM } = await import(${JSON.stringify(pathToFileURL(join(bundleDir, "index.js")).href)});`,
    "const t1 = performance.now(); const cpu = process.cpuUsage(cpu0);",
    "class InstantLM extends BaseLM { constructor() { super('bench/instant'); } async forward() { return { outputs: [{ text: '[[ ## answer ## ]]\\n4\\n\\n[[ ## completed ## ]]' }], usage: {} }; } }",
    "configure({ lm: new InstantLM() });",
    "const answer = (await new Predict('question -> answer').call({ question: 'What is 2 + 2?' })).answer;",
    "if (answer !== '4') process.exit(1);",
    "console.log(JSON.stringify({ importMs: t1 - t0, importCpuMs: (cpu.user + cpu.system) / 1000, firstCallMs: performance.now() - t1 }));",
  ].join("\n");
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })) as ColdStart;
}

/** Runs this file in a child process in `mode`, returning what it sends back. */
function child<T>(mode: string, env: Record<string, string>): Promise<T> {
  const proc = fork(fileURLToPath(import.meta.url), [mode], { env: { ...process.env, ...env } });
  return new Promise<T>((resolve, reject) => {
    proc.on("message", (result) => resolve(result as T));
    proc.on("exit", (code) => code !== 0 && reject(new Error(`bench child ${mode} exited with ${code}`)));
  });
}

/** The files of the bundle that hold provider code (a provider's files other than its registration). */
function providerOutputs(meta: Metafile): Set<string> {
  const registration = /^src\/providers\/(builtin-providers|[^/]+\/[^/]+-registrations?)\.ts$/;
  const outputs = Object.entries(meta.outputs).filter(([, output]) =>
    Object.keys(output.inputs).some((input) => input.startsWith("src/providers/") && !registration.test(input)),
  );
  return new Set(outputs.map(([file]) => resolve(fileURLToPath(new URL("..", import.meta.url)), file)));
}

function row(name: string, measured: string, baseline: string, target: string, met: boolean): string {
  return `${name.padEnd(44)} ${measured.padStart(12)}   ${baseline.padStart(16)}   ${target.padEnd(26)} ${met ? "met" : "NOT MET"}`;
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode === "timings") return void process.send!(await timings(process.env.BENCH_URL!));

  const load = () => loadavg().map((l) => l.toFixed(2)).join(", ");
  const loadBefore = load();
  const work = mkdtempSync(join(tmpdir(), "tsdspy-bench-"));
  try {
    const bundleDir = join(work, "dist");
    const meta = await bundle(bundleDir);
    const server = await startReplyServer(REPLY);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const env = { BENCH_URL: url, BENCH_BUNDLE: pathToFileURL(join(bundleDir, "index.js")).href };
    const { timing: t, predictBody } = await child<{ timing: Record<string, Timing>; predictBody: string }>("timings", env);
    const memoryEnv = { ...env, BENCH_PREDICT_BODY: predictBody };
    const mem: Record<string, Memory> = {};
    for (const path of ["fetch", "predict", "predict-no-history"] as const) mem[path] = await memory(path, memoryEnv);
    server.close();
    const cold = Array.from({ length: COLD_RUNS }, () => coldStart(bundleDir));
    const loadsFile = join(work, "loads.txt");
    coldStart(bundleDir, loadsFile);
    const providerFiles = providerOutputs(meta);
    const loaded = [...new Set(readFileSync(loadsFile, "utf8").split("\n"))].filter((u) => u.startsWith("file:")).map((u) => fileURLToPath(u));
    const providerLoaded = loaded.filter((file) => providerFiles.has(file));

    const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
    const ms = (value: number) => `${value.toFixed(3)} ms`;
    const spread = (timing: Timing) => timing.batchMediansMs.map((m) => (m * 1000).toFixed(1)).join("/");
    const lmOver = t.lmOverFetch!.medianMs;
    const predictOver = t.predictOverFetch!.medianMs;
    const rssOver = mem.predict!.peakRssMb - mem.fetch!.peakRssMb;
    const coldImport = median(cold.map((c) => c.importMs));
    console.log(`Lean-core targets (issue 8): the built bundle, node ${process.version}, ${BATCHES} batches × ${BATCH_CALLS} calls, load average ${loadBefore} at start`);
    console.log(`${"target".padEnd(44)} ${"measured".padStart(12)}   ${"raw baseline".padStart(16)}   ${"target".padEnd(26)} result`);
    console.log(row("Predict.call in process (3 demos)", us(t.predictInProcess!.medianMs), "—", "≤ 30 µs", t.predictInProcess!.medianMs <= 0.03));
    console.log(row("Predict.call over HTTP, over raw fetch", `+${ms(predictOver)}`, `fetch ${ms(t.fetchPredict!.medianMs)}`, "≤ raw fetch + 0.15 ms", predictOver <= 0.15));
    console.log(row("LM.call over HTTP, over raw fetch", `+${ms(lmOver)}`, `fetch ${ms(t.fetchLM!.medianMs)}`, "≤ raw fetch + 0.1 ms", lmOver <= 0.1));
    console.log(row("peak RSS after 5,000 Predict.call (HTTP)", `+${rssOver.toFixed(1)} MB`, `fetch ${mem.fetch!.peakRssMb.toFixed(1)} MB`, "≤ raw fetch + 15 MB", rssOver <= 15));
    console.log(row("import { Predict, configure } (cold)", ms(coldImport), "—", "≤ 60 ms", coldImport <= 60));
    console.log(row("provider code loaded by that import", String(providerLoaded.length), "—", "none", providerLoaded.length === 0));
    console.log(row("LM.call served from the memory cache", us(t.cacheHit!.medianMs), "—", "≤ 10 µs", t.cacheHit!.medianMs <= 0.01));
    console.log("details:");
    for (const [name, timing] of Object.entries(t)) console.log(`  ${name.padEnd(18)} median ${us(timing.medianMs).padStart(11)}   batch medians (µs) ${spread(timing)}`);
    for (const [path, m] of Object.entries(mem)) {
      console.log(`  memory ${path.padEnd(19)} peak RSS ${m.peakRssMb.toFixed(1).padStart(6)} MB   heap retained per call after the first 1,000: ${m.retainedBytesPerCall.toFixed(0)} bytes`);
    }
    const coldList = (pick: (c: ColdStart) => number) => cold.map((c) => pick(c).toFixed(1)).join("/");
    console.log(`  cold import wall ms ${coldList((c) => c.importMs)}   CPU ms ${coldList((c) => c.importCpuMs)}   first Predict.call ms ${coldList((c) => c.firstCallMs)}`);
    if (providerLoaded.length) console.log(`  provider code loaded: ${providerLoaded.join(", ")}`);
    console.log(`  load average at end: ${load()}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
