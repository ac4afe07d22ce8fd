/**
 * Micro benchmark: jsonRepairLoads vs JSON.parse on LM-reply-sized JSON (200 B - 5 KB).
 *
 *   npx tsx bench/json-repair.bench.ts
 *
 * Rows: valid JSON (the strict path), valid JSON with integral floats such as `1.0` (Python
 * typing needs our own strict decoder), and broken replies (the repair path), for reference.
 */
import { jsonRepairLoads } from "../src/python/json-repair.js";

const WORDS = ["the", "answer", "is", "Paris", "because", "café", "data", "42", "quote \"x\"", "line\nbreak", "東京"];

/** A deterministic LM-style reply object of about `bytes` bytes of JSON. */
function reply(bytes: number, floats: "fractional" | "integral"): Record<string, unknown> {
  let seed = 7;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const sentence = (n: number): string => Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]).join(" ");
  const out: Record<string, unknown> = { reasoning: sentence(12), answer: sentence(3) };
  let i = 0;
  while (JSON.stringify(out, null, 2).length < bytes) {
    out[`field_${i++}`] = {
      text: sentence(6),
      score: floats === "integral" ? Math.floor(next() * 10) + 0.0 : Math.round(next() * 1000) / 1000 + 0.0005,
      tags: [sentence(1), sentence(1)],
      ok: next() > 0.5,
      note: null,
    };
  }
  return out;
}

function withIntegralFloats(text: string): string {
  return text.replace(/"score": (\d+)/g, '"score": $1.0');
}

function measure(fn: () => unknown, minMs = 300): number {
  for (let i = 0; i < 200; i++) fn();
  let iterations = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 100; i++) fn();
    iterations += 100;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return (elapsed * 1000) / iterations; // microseconds per call
}

const rows: string[][] = [["case", "bytes", "JSON.parse µs", "jsonRepairLoads µs", "ratio"]];
for (const size of [200, 1000, 5000]) {
  const fractional = JSON.stringify(reply(size, "fractional"), null, 2);
  const integral = withIntegralFloats(JSON.stringify(reply(size, "integral"), null, 2));
  const truncated = fractional.slice(0, Math.floor(fractional.length * 0.8));
  const cases: [string, string][] = [
    ["valid", fractional],
    ["valid, integral floats", integral],
    ["truncated (repair)", truncated],
  ];
  for (const [name, text] of cases) {
    const parse = (() => {
      try {
        JSON.parse(text);
        return measure(() => JSON.parse(text));
      } catch {
        return NaN;
      }
    })();
    const repair = measure(() => jsonRepairLoads(text));
    rows.push([name, String(text.length), Number.isNaN(parse) ? "-" : parse.toFixed(2), repair.toFixed(2), Number.isNaN(parse) ? "-" : (repair / parse).toFixed(2)]);
  }
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join("  "));
