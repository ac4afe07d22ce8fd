/**
 * Hostile LM replies: parse time of each adversarial shape at 10 KB, 100 KB and 1 MB, with the growth ratio
 * (100 KB → 1 MB: ~10 is linear, ~100 quadratic). Target: every shape parses (or fails) in linear time, at most
 * 250 ms for 1 MB. A parse may fail (AdapterParseError, ValueError, …): that is timed too.
 *
 *   npx tsx --conditions=source bench/parse-sweep.bench.ts [shape-filter] [--sizes=10000,100000,1000000]
 *       the known shapes through the three adapters with `d: dict` (the default table)
 *   ... --discover [--all] [--known] [--target=filter] [--shape-re=regex] [--seed=7] [--screen=100000]
 *       the discovery sweep (bench/shared/hostile-shapes.ts): generated shapes (--known: and the known ones) through the core targets
 *       (--all: every target of bench/shared/parse-targets.ts: field types, parseValue, tool arguments, TwoStepAdapter,
 *       stream listeners), each screened at the --screen size; those that look slow or superlinear are timed at
 *       every size. Ends with the slowest cases, scaled to an idle machine by the calibration.
 */
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { discoveryShapes, KNOWN_SHAPES, type Shape } from "./shared/hostile-shapes.js";
import { dictTargets, parseTargets, type Target } from "./shared/parse-targets.js";

/**
 * JSON.parse of the calibration text on this machine when idle (ms, 12-20 measured). On a busier machine figures are
 * scaled down by this / calibration; never up (a quick calibration on an idle machine is not a reason to inflate).
 */
const IDLE_CALIBRATION_MS = 16;

/** The factor that brings a time measured now to an idle machine: at most 1. */
function idleScale(): number {
  return Math.min(1, IDLE_CALIBRATION_MS / calibration());
}

function time(step: () => unknown): { ms: number; outcome: string } {
  const start = process.hrtime.bigint();
  let outcome = "ok";
  try {
    step();
  } catch (error) {
    outcome = error instanceof Error ? error.name : "error";
  }
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, outcome };
}

const calibrationText = JSON.stringify(Array.from({ length: 40_000 }, (_, i) => ({ id: i, text: `item ${i}` })));

/** How fast this machine is right now (benchmarks run beside other work): JSON.parse of ~1 MB of JSON, best of 2. */
function calibration(): number {
  JSON.parse(calibrationText);
  return Math.min(time(() => JSON.parse(calibrationText)).ms, time(() => JSON.parse(calibrationText)).ms);
}

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const filter = args.find((a) => !a.startsWith("--"));
const discover = args.includes("--discover");
const sizes = (option("sizes") ?? "10000,100000,1000000").split(",").map(Number);
const screenSize = Number(option("screen") ?? 100_000);
const targetFilter = option("target");
const shapePattern = option("shape-re") === undefined ? undefined : new RegExp(option("shape-re")!);
const label = (s: number) => (s >= 1e6 ? `${s / 1e6}MB` : `${s / 1e3}KB`);

const seed = Number(option("seed") ?? 7);
const caseShape = option("case-shape");
const caseMode = caseShape !== undefined;
const known = !discover || caseMode || args.includes("--known") ? KNOWN_SHAPES : {};
const shapes: Record<string, Shape> = discover || caseMode ? { ...known, ...discoveryShapes({ seed }) } : KNOWN_SHAPES;
const targets: Target[] = discover || caseMode ? parseTargets().filter((t) => caseMode || args.includes("--all") || t.core) : dictTargets();

interface Row {
  shape: string;
  target: string;
  times: Array<{ ms: number; outcome: string }>;
  /** The last size's time scaled to an idle machine. */
  idleMs: number;
}

/** Times one case at every size (a size whose predecessor took over 1 s is skipped: it could take minutes). */
function sweepHere(target: Target, make: Shape): Row["times"] {
  time(target.prepare(make(sizes[0]!))); // warm-up (JIT), untimed
  const times: Row["times"] = [];
  for (const size of sizes) {
    if (times.length && times[times.length - 1]!.ms > 1000) break;
    times.push(time(target.prepare(make(size))));
    if (caseMode) console.log(JSON.stringify(times[times.length - 1]));
  }
  return times;
}

/** Discovery times a slow case in a child process, killed after 30 s (some shapes grow worse than quadratically). */
function sweepInChild(shape: string, target: Target): Row["times"] {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, `--case-shape=${shape}`, `--case-target=${target.name}`, `--sizes=${sizes.join(",")}`, `--seed=${seed}`],
    { encoding: "utf8", timeout: 30_000, maxBuffer: 1 << 20 },
  );
  const times: Row["times"] = child.stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line) as Row["times"][number]);
  if (times.length < sizes.length && child.status !== 0) {
    const reason = child.error ? "timeout" : `exit ${child.status}: ${child.stderr.trim().split("\n").pop()?.slice(0, 80) ?? ""}`;
    times.push({ ms: 30_000, outcome: reason });
  }
  return times;
}

function sweep(shape: string, target: Target, make: Shape): Row {
  const times = discover ? sweepInChild(shape, target) : sweepHere(target, make);
  const last = times[times.length - 1]!;
  return { shape, target: target.name, times, idleMs: last.ms * idleScale() };
}

/** Errors that are bugs rather than a typed parse failure. */
const UNEXPECTED = /^(RangeError|TypeError|ReferenceError|SyntaxError|Error)$/;

/** Discovery: a quick look at the screening size; worth a full sweep when slow or growing faster than linearly. */
function looksSlow(target: Target, make: Shape, scale: number): boolean {
  const small = time(target.prepare(make(screenSize / 10)));
  if (UNEXPECTED.test(small.outcome) || small.ms * scale > (20 * screenSize) / 1e5) return true; // quadratic or worse
  const screen = time(target.prepare(make(screenSize)));
  const idle = screen.ms * scale;
  if (UNEXPECTED.test(screen.outcome)) return true;
  return idle > (12 * screenSize) / 1e5 || (idle > (3 * screenSize) / 1e5 && screen.ms / Math.max(small.ms, 0.05) > 25);
}

if (caseMode) {
  // A child of the discovery sweep: one case, one JSON line per size.
  sweepHere(targets.find((t) => t.name === option("case-target"))!, shapes[caseShape]!);
  process.exit(0);
}

const rows: Row[] = [];
const header = ["shape", "target", ...sizes.map((s) => `${label(s)} ms`), "growth", "idle ms", "outcome"];
const table: string[][] = [header];
let screened = 0;
let scale = idleScale();
for (const [shape, make] of Object.entries(shapes)) {
  if ((filter && !shape.includes(filter)) || (shapePattern && !shapePattern.test(shape))) continue;
  for (const target of targets) {
    if (targetFilter && !target.name.includes(targetFilter)) continue;
    if (discover) {
      screened++;
      if (screened % 50 === 0) scale = idleScale();
      if (!looksSlow(target, make, scale)) continue;
    }
    const row = sweep(shape, target, make);
    rows.push(row);
    const last = row.times[row.times.length - 1]!;
    const before = row.times[row.times.length - 2];
    const cells = [
      shape,
      target.name,
      ...sizes.map((_, i) => row.times[i]?.ms.toFixed(1) ?? "skipped"),
      before ? `x${(last.ms / Math.max(before.ms, 0.1)).toFixed(1)}` : "-",
      row.idleMs.toFixed(0),
      last.outcome,
    ];
    table.push(cells);
    if (discover) console.error(cells.join("  "));
  }
}
const widths = header.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
for (const row of table) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join("  "));
if (discover) console.log(`\n${screened} cases screened at ${label(screenSize)}; ${rows.length} timed at every size`);

const full = rows.filter((r) => r.times.length === sizes.length);
const slowest = [...rows].sort((a, b) => b.idleMs - a.idleMs).slice(0, 15);
console.log(`\nslowest cases (${label(sizes[sizes.length - 1]!)}, ms scaled down to an idle machine where JSON.parse of 1 MB = ${IDLE_CALIBRATION_MS} ms; the load average is ${loadavg()[0]!.toFixed(2)}):`);
for (const r of slowest) {
  const done = r.times.length === sizes.length ? "" : ` (stopped at ${label(sizes[r.times.length - 1]!)})`;
  console.log(`  ${r.idleMs.toFixed(0).padStart(6)} ms  ${r.target.padEnd(24)} ${r.shape}${done}  ${r.times[r.times.length - 1]!.outcome}`);
}
const worst = Math.max(0, ...full.map((r) => r.times[r.times.length - 1]!.ms));
const unexpected = rows.filter((r) => UNEXPECTED.test(r.times[r.times.length - 1]!.outcome));
for (const r of unexpected) console.log(`unexpected error: ${r.target} ${r.shape}: ${r.times[r.times.length - 1]!.outcome}`);
console.log(`\nslowest ${sizes[sizes.length - 1]}-character parse: ${worst.toFixed(0)} ms (target ≤ 250 ms for 1 MB)`);
console.log(`calibration: JSON.parse of 1 MB took ${calibration().toFixed(1)} ms right now (scale the figures above by the load this shows)`);
