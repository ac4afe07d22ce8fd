/**
 * Replies whose values fail validation en masse (issue 7 item 3): a list or dict of ~N items that all fail the field's
 * type, through ChatAdapter, JSONAdapter and XMLAdapter, timed at each size until the exception is thrown (the message is
 * not read: it is built on first read) with the growth ratio between the last two sizes (~10 for 100 KB -> 1 MB is
 * linear) and the time scaled to an idle machine by the calibration (`JSON.parse` of ~1 MB, 12-20 ms when idle).
 * Target: at most 250 ms per MB when idle.
 *
 *   npx tsx --conditions=source bench/failing-values.bench.ts [shape-filter] [--sizes=100000,1000000] [--runs=3] [--read]
 *       --read also times reading `error.message` once (the whole text, tens of MB for a 1 MB reply).
 */
import { loadavg } from "node:os";
import type { Adapter } from "../src/adapters/adapter.js";
import { ChatAdapter } from "../src/adapters/chat-adapter.js";
import { JSONAdapter } from "../src/adapters/json-adapter.js";
import { XMLAdapter } from "../src/adapters/xml-adapter.js";
import { signature, type Signature } from "../src/signatures/signature.js";
import type { ModelType } from "../src/signatures/type-node.js";

const IDLE_CALIBRATION_MS = 16;

const ITEM: ModelType = {
  kind: "model",
  name: "Item",
  fields: [
    { name: "name", type: { kind: "str" } },
    { name: "n", type: { kind: "int" } },
  ],
};

/** A failing shape: the field type, and a JSON body / XML body of about `bytes` characters. */
interface Shape {
  readonly type: string;
  /** The JSON text of one failing item (list) or value (dict), repeated. */
  readonly item: string;
  readonly dict?: boolean;
  /** The XML text of one failing item. */
  readonly xml: string;
}

const SHAPES: Record<string, Shape> = {
  'list[int] "x"': { type: "list[int]", item: '"x"', xml: "<item>x</item>" },
  "list[int] []": { type: "list[int]", item: "[]", xml: "<item><a>1</a></item>" },
  "list[str] 1": { type: "list[str]", item: "1", xml: "<item><a>1</a></item>" },
  'list[bool] "x"': { type: "list[bool]", item: '"x"', xml: "<item>x</item>" },
  'list[float] "x"': { type: "list[float]", item: '"x"', xml: "<item>x</item>" },
  'list[Literal] "x"': { type: "list[Literal['a', 'b']]", item: '"x"', xml: "<item>x</item>" },
  'list[Color] "x"': { type: "list[Color]", item: '"x"', xml: "<item>x</item>" },
  'list[int|bool] "x"': { type: "list[Union[int, bool]]", item: '"x"', xml: "<item>x</item>" },
  'list[Optional[int]] "x"': { type: "list[Optional[int]]", item: '"x"', xml: "<item>x</item>" },
  "list[Item] {}": { type: "list[Item]", item: "{}", xml: "<item></item>" },
  'list[Item] {"n":"x"}': { type: "list[Item]", item: '{"name":1,"n":"x"}', xml: "<item><name>1</name><n>x</n></item>" },
  'dict[str,int] "x"': { type: "dict[str, int]", item: '"x"', dict: true, xml: "x" },
  'set[int] "x"': { type: "set[int]", item: '"x"', xml: "<item>x</item>" },
};

function signatureFor(shape: Shape): Signature {
  return signature({
    inputs: { question: "str" },
    outputs: { d: shape.type },
    types: { Item: ITEM, Color: { kind: "enum", name: "Color", members: [{ name: "RED", value: "red" }, { name: "GREEN", value: "green" }] } },
  });
}

/** The field's JSON body of about `bytes` characters. */
function jsonBody(shape: Shape, bytes: number): string {
  if (shape.dict) {
    const n = Math.max(1, Math.floor(bytes / (shape.item.length + 10)));
    return `{${Array.from({ length: n }, (_, i) => `"k${i}":${shape.item}`).join(",")}}`;
  }
  const n = Math.max(1, Math.floor(bytes / (shape.item.length + 1)));
  return `[${Array(n).fill(shape.item).join(",")}]`;
}

function xmlBody(shape: Shape, bytes: number): string {
  if (shape.dict) {
    const n = Math.max(1, Math.floor(bytes / (2 * 8 + 5 + shape.xml.length)));
    return Array.from({ length: n }, (_, i) => `<k${i}>${shape.xml}</k${i}>`).join("");
  }
  return shape.xml.repeat(Math.max(1, Math.floor(bytes / shape.xml.length)));
}

const ADAPTERS: Record<string, { adapter: Adapter; reply: (shape: Shape, bytes: number) => string }> = {
  chat: { adapter: new ChatAdapter(), reply: (shape, bytes) => `[[ ## d ## ]]\n${jsonBody(shape, bytes)}\n\n[[ ## completed ## ]]` },
  json: { adapter: new JSONAdapter(), reply: (shape, bytes) => `{"d": ${jsonBody(shape, bytes)}}` },
  xml: { adapter: new XMLAdapter(), reply: (shape, bytes) => `<d>${xmlBody(shape, bytes)}</d>` },
};

function ms(step: () => void): number {
  const start = process.hrtime.bigint();
  step();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const calibrationText = JSON.stringify(Array.from({ length: 40_000 }, (_, i) => ({ id: i, text: `item ${i}` })));
function calibration(): number {
  JSON.parse(calibrationText);
  return Math.min(ms(() => JSON.parse(calibrationText)), ms(() => JSON.parse(calibrationText)));
}

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const filter = args.find((a) => !a.startsWith("--"));
const sizes = (option("sizes") ?? "100000,1000000").split(",").map(Number);
const runs = Number(option("runs") ?? 3);
const read = args.includes("--read");
const label = (s: number) => (s >= 1e6 ? `${s / 1e6}MB` : `${s / 1e3}KB`);

/** Min over `runs` of the time to throw (and, with --read, to read the message once more); the outcome's class name. */
function timeCase(adapter: Adapter, sig: Signature, reply: string): { ms: number; readMs: number; outcome: string } {
  let best = Infinity;
  let bestRead = Infinity;
  let outcome = "ok";
  for (let r = 0; r < runs; r++) {
    let caught: unknown = null;
    best = Math.min(best, ms(() => {
      try {
        adapter.parse(sig, reply);
      } catch (error) {
        caught = error;
      }
    }));
    outcome = caught instanceof Error ? caught.name : "ok";
    if (read && caught instanceof Error) {
      const error = caught;
      bestRead = Math.min(bestRead, ms(() => void error.message.length));
    }
  }
  return { ms: best, readMs: bestRead, outcome };
}

const startCalibration = calibration();
console.log(`load ${loadavg().map((l) => l.toFixed(2)).join(" ")}, calibration (JSON.parse of ${(calibrationText.length / 1e6).toFixed(2)} MB) ${startCalibration.toFixed(1)} ms`);
const header = ["shape", "adapter", ...sizes.map((s) => `${label(s)} ms`), "growth", "idle ms/MB", ...(read ? ["read ms"] : []), "outcome"];
const table: string[][] = [header];
for (const [name, shape] of Object.entries(SHAPES)) {
  if (filter && !name.includes(filter)) continue;
  const sig = signatureFor(shape);
  for (const [adapterName, { adapter, reply }] of Object.entries(ADAPTERS)) {
    timeCase(adapter, sig, reply(shape, sizes[0]!)); // warm-up
    const rows = sizes.map((size) => {
      const text = reply(shape, size);
      return { ...timeCase(adapter, sig, text), bytes: text.length };
    });
    const last = rows[rows.length - 1]!;
    const scale = Math.min(1, IDLE_CALIBRATION_MS / calibration());
    const growth = rows.length > 1 ? (last.ms / Math.max(rows[rows.length - 2]!.ms, 0.05)).toFixed(1) : "-";
    table.push([
      name,
      adapterName,
      ...rows.map((r) => r.ms.toFixed(0)),
      `x${growth}`,
      ((last.ms * scale) / (last.bytes / 1e6)).toFixed(0),
      ...(read ? [last.readMs.toFixed(0)] : []),
      last.outcome,
    ]);
  }
}
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join("  "));
console.log(`load ${loadavg().map((l) => l.toFixed(2)).join(" ")}, calibration ${calibration().toFixed(1)} ms`);
