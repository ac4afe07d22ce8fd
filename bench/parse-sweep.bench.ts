/**
 * Hostile LM replies: parse time of each adversarial shape through each adapter at 10 KB, 100 KB and 1 MB, with the
 * growth ratio (100 KB → 1 MB: ~10 is linear, ~100 quadratic). Target: every shape parses (or fails) in linear time,
 * at most 250 ms for 1 MB. A parse may fail (AdapterParseError, ValueError, …): that is timed too.
 *
 *   npx tsx --conditions=source bench/parse-sweep.bench.ts [shape-filter] [--sizes=10000,100000]
 */
import type { Adapter } from "../src/adapters/adapter.js";
import { ChatAdapter } from "../src/adapters/chat-adapter.js";
import { JSONAdapter } from "../src/adapters/json-adapter.js";
import { XMLAdapter } from "../src/adapters/xml-adapter.js";
import { signature } from "../src/signatures/signature.js";

/** Repeats `unit` to `size` characters (after `prefix`). */
function repeat(prefix: string, unit: string, size: number): string {
  return prefix + unit.repeat(Math.max(1, Math.ceil((size - prefix.length) / unit.length)));
}

/** Each shape: the body of the reply at a given size (the adapter wraps it as a field). */
const SHAPES: Record<string, (size: number) => string> = {
  "deep {": (n) => repeat("", "{", n),
  "{ x  repeated": (n) => repeat("", "{ x ", n),
  "unterminated string": (n) => repeat('{"d": "', "lorem ipsum ", n),
  "deep [": (n) => repeat("", "[", n),
  'deep {"a":': (n) => repeat("", '{"a": ', n),
  "deep (": (n) => repeat("", "(", n),
  '{" runs': (n) => repeat("", '{"', n),
  '[" runs': (n) => repeat("", '["', n),
  "backslash escapes": (n) => repeat('{"d": "', "\\n\\\"", n),
  "unclosed container after comma": (n) => repeat("", ",{1", n),
  "bare key rescans": (n) => repeat("", '{e]"', n),
  "python literal unary chain": (n) => repeat("", "-", n) + "1",
  "field markers": (n) => repeat("", "[[ ## d ## ]]\n", n),
  "long whitespace": (n) => `{"d": 1${" ".repeat(n)}`,
  "xml attributes": (n) => {
    let attrs = "";
    for (let i = 0; attrs.length < n; i++) attrs += ` a${i}="${i}"`;
    return `<x${attrs}>1</x>`;
  },
  "xml deep tags": (n) => repeat("", "<a>", n),
  "xml entities": (n) => repeat("", "&amp;", n),
};

const sig = signature("question -> d: dict");
const ADAPTERS: Record<string, { adapter: Adapter; reply: (body: string) => string }> = {
  chat: { adapter: new ChatAdapter(), reply: (body) => `[[ ## d ## ]]\n${body}\n\n[[ ## completed ## ]]` },
  json: { adapter: new JSONAdapter(), reply: (body) => body },
  xml: { adapter: new XMLAdapter(), reply: (body) => `<d>${body}</d>` },
};

function time(adapter: Adapter, reply: string): { ms: number; outcome: string } {
  const start = process.hrtime.bigint();
  let outcome = "ok";
  try {
    adapter.parse(sig, reply);
  } catch (error) {
    outcome = error instanceof Error ? error.name : "error";
  }
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, outcome };
}

/** How fast this machine is right now (benchmarks run beside other work): JSON.parse of ~1 MB of JSON. */
function calibration(): number {
  const text = JSON.stringify(Array.from({ length: 40_000 }, (_, i) => ({ id: i, text: `item ${i}` })));
  JSON.parse(text);
  const start = process.hrtime.bigint();
  JSON.parse(text);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const args = process.argv.slice(2);
const filter = args.find((a) => !a.startsWith("--"));
const sizes = (args.find((a) => a.startsWith("--sizes="))?.slice(8) ?? "10000,100000,1000000").split(",").map(Number);
const header = ["shape", "adapter", ...sizes.map((s) => `${s >= 1e6 ? `${s / 1e6}MB` : `${s / 1e3}KB`} ms`), "growth", "outcome"];
const rows: string[][] = [header];
let worst = 0;
for (const [shape, make] of Object.entries(SHAPES)) {
  if (filter && !shape.includes(filter)) continue;
  for (const [name, { adapter, reply }] of Object.entries(ADAPTERS)) {
    time(adapter, reply(make(sizes[0]!))); // warm-up (JIT), untimed
    const times = sizes.map((size) => time(adapter, reply(make(size))));
    const last = times[times.length - 1]!;
    const before = times[times.length - 2];
    worst = Math.max(worst, last.ms);
    rows.push([
      shape,
      name,
      ...times.map((t) => t.ms.toFixed(1)),
      before ? `x${(last.ms / Math.max(before.ms, 0.1)).toFixed(1)}` : "-",
      last.outcome,
    ]);
  }
}
const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join("  "));
console.log(`\nslowest ${sizes[sizes.length - 1]}-character parse: ${worst.toFixed(0)} ms (target ≤ 250 ms for 1 MB)`);
console.log(`calibration: JSON.parse of 1 MB took ${calibration().toFixed(1)} ms right now (scale the figures above by the load this shows)`);
