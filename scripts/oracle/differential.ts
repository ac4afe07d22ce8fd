/**
 * Differential runner: replays oracle cases (the case language of /work/shared/oracle) through tsdspy and compares
 * each answer with the real Python DSPy 3.3.1's, byte for byte, the way the replay tests do. Development only (needs
 * the answers already computed; never run by the build or the tests).
 *
 *     (cd /work/shared/oracle && . ./env.sh && python3 gen_cases.py --seed 101 --n 500) > /tmp/c.jsonl
 *     (cd /work/shared/oracle && . ./env.sh && python3 dspy_oracle.py) < /tmp/c.jsonl > /tmp/e.jsonl
 *     npx tsx scripts/oracle/differential.ts /tmp/c.jsonl /tmp/e.jsonl [--out mismatches.jsonl] [--show 5]
 *
 * or `scripts/oracle/differential.sh` for both steps over several seeds and generators. Prints, per case kind and per
 * case-id group (`<prefix>-<group>-<n>`), the number of identical answers and the mismatch classes (a short
 * signature of how the answers differ), with a few examples of each class.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { formatCaseResult, parseFromCase, adapterFromCase, prepareValues } from "../../fixtures/oracle/adapter-replay.js";
import { encodeForOracle } from "../../fixtures/oracle/from-case.js";
import { programFromCase } from "../../fixtures/oracle/program-from-case.js";
import { replayBootstrapCase } from "../../src/optimizers/__fixtures__/bootstrap-case.js";
import "../../src/clients/lm.js";
import "../../src/providers/builtin-providers.js";
import { configure } from "../../src/context/settings.js";
import { silentLogger } from "../../src/context/logger.js";
import { stateFileText } from "../../src/primitives/state-file.js";
import type { Predict } from "../../src/predict/predict.js";
import { parsePyJson } from "../../src/python/py-json.js";
import { pyJsonDumps } from "../../src/python/pyfmt.js";

type Json = Record<string, unknown>;

/** tsdspy's typed error for an exception class DSPy raises outside `parse` (docs/compat.md); others keep their name. */
const ERROR_CLASSES: Record<string, Record<string, string>> = {
  format: { NameError: "SignatureError", SchemaError: "SignatureError" },
  parse: { NameError: "SignatureError", SchemaError: "SignatureError" },
  save: { NameError: "SignatureError", RuntimeError: "StateFileError" },
};

function dumps(value: unknown): string {
  return pyJsonDumps(value, { ensureAscii: false });
}

function thrown(error: unknown): Json {
  return error instanceof Error ? { error_type: error.name, message: error.message } : { thrown: String(error) };
}

/** tsdspy's answer and the comparable part of DSPy's, both as Python-JSON text. */
async function replay(c: Json, expectedIn: Json): Promise<{ got: string; expected: string }> {
  const { id: _id, output_types: _types, caveats: _caveats, error: dspyError, ...expected } = expectedIn;
  if (dspyError !== undefined && typeof expected.error_type === "string") {
    expected.error_type = ERROR_CLASSES[String(c.kind)]?.[expected.error_type] ?? expected.error_type;
  }
  if (dspyError !== undefined && expected.error_type === undefined) return { got: "skip", expected: "skip" };
  let got: unknown;
  try {
    switch (c.kind) {
      case "format":
        got = formatCaseResult(c);
        break;
      case "parse":
        got = parseFromCase(c);
        break;
      case "save": {
        const program = programFromCase(c.program as Json);
        const versions = { cloudpickle: "2.1", ...(c.versions as Record<string, string> | undefined) };
        got = { json: stateFileText(program.dumpState(), versions, "{path}") };
        break;
      }
      case "load_then_format": {
        const program = programFromCase(c.program as Json);
        program.loadState(parsePyJson(c.state as string) as Json, { allowUnsafeLmState: Boolean(c.allow_unsafe_lm_state) });
        const predictors = new Map(program.namedPredictors());
        const name = (c.predictor as string | undefined) ?? [...predictors.keys()][0]!;
        const predictor = predictors.get(name) as Predict;
        const adapter = adapterFromCase(c.adapter, c.adapter_options);
        const inputs = prepareValues(predictor.signature, c.inputs ?? {}, c.coerce === true);
        got = {
          messages: adapter.format(predictor.signature, predictor.demos, inputs),
          predictor: name,
          demos: encodeForOracle(predictor.demos),
          instructions: predictor.signature.instructions,
        };
        break;
      }
      case "bootstrap":
        got = await replayBootstrapCase(c);
        break;
      default:
        return { got: "skip", expected: "skip" };
    }
  } catch (error) {
    got = thrown(error);
  }
  if (c.kind === "save") {
    // The advice after DSPy's first sentence names the .pkl fallback tsdspy does not have (docs/compat.md).
    for (const v of [got as Json, expected]) if (typeof v.message === "string") v.message = v.message.split(". Your DSPy program")[0];
  }
  return { got: dumps(got), expected: dumps(expected) };
}

/** A short description of how two answers differ: the outcome shapes, then where the text first diverges. */
function mismatchClass(c: Json, got: string, expected: string): string {
  const g = JSON.parse(got) as Json;
  const e = JSON.parse(expected) as Json;
  const adapter = String(c.adapter ?? "chat");
  const outcome = (v: Json) => (v.error_type ? `error:${String(v.error_type)}` : v.thrown ? "thrown" : "ok");
  const head = `${String(c.kind)}/${adapter}`;
  if (outcome(g) !== outcome(e)) return `${head} dspy=${outcome(e)} tsdspy=${outcome(g)}`;
  if (outcome(e).startsWith("error")) return `${head} both ${outcome(e)}, message differs`;
  const keys = [...new Set([...Object.keys(g), ...Object.keys(e)])].filter((k) => dumps(g[k]) !== dumps(e[k]));
  return `${head} ${keys.join(",")} differs`;
}

/** Differences docs/compat.md explains (tsdspy keeps its behaviour there), or `undefined`. */
function documented(c: Json, raw: string, got: string, expected: string): string | undefined {
  if (/argument of type '\w+' is not iterable|unhashable type/.test(expected)) return "DSPy crashes, tsdspy does not";
  if (/Unknown name: (History|Image|Tool|ToolCalls|Code|Reasoning|Audio|File|Document)\b/.test(expected)) {
    return "DSPy finds its type names in the caller's namespace";
  }
  const floatParams = expected.replace(/(\\"(?:temperature|top_p|presence_penalty|frequency_penalty)\\": -?\d+)(?=,|\\n)/g, "$1.0");
  if (c.kind === "save" && floatParams === got) return "LM float parameters saved as floats";
  const bracket = (text: string) => text.replace(/[()]/g, (ch) => (ch === "(" ? "[" : "]")).replace(/,\]/g, "]");
  if (raw.includes('"$tuple"') && bracket(expected) === bracket(got)) return "tuples are arrays in tsdspy (repr shows [...])";
  if (/set\[/.test(raw) && got.length === expected.length) return "set of strings: Python's order is salted per process";
  return undefined;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 60);
  return `@${i}\n    dspy:   ${JSON.stringify(b.slice(from, i + 80))}\n    tsdspy: ${JSON.stringify(a.slice(from, i + 80))}`;
}

function group(id: string): string {
  const parts = id.split("-");
  return parts.length >= 3 ? parts.slice(0, -1).join("-") : parts[0]!.replace(/\d+$/, "");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    return value;
  };
  const out = flag("--out");
  const show = Number(flag("--show") ?? "3");
  const [casesFile, expectedFile] = args;
  if (!casesFile || !expectedFile) throw new TypeError("usage: differential.ts CASES.jsonl EXPECTED.jsonl [--out FILE] [--show N]");
  configure({ logger: silentLogger });
  const read = (file: string) => readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "");
  const cases = read(casesFile);
  const answers = read(expectedFile);
  if (cases.length !== answers.length) throw new RangeError(`${cases.length} cases, ${answers.length} answers`);

  const perGroup = new Map<string, { n: number; same: number; documented: number }>();
  const classes = new Map<string, Array<{ id: string; diff: string }>>();
  const mismatches: Json[] = [];
  for (let i = 0; i < cases.length; i++) {
    const c = parsePyJson(cases[i]!) as Json;
    const e = parsePyJson(answers[i]!) as Json;
    if (typeof e.error === "string" && e.error.startsWith("CaseError")) continue;
    const id = (c.id as string | undefined) ?? `case-${i}`;
    const { got, expected } = await replay(c, e);
    if (got === "skip") continue;
    const key = `${String(c.kind)} ${group(id)}`;
    const stats = perGroup.get(key) ?? { n: 0, same: 0, documented: 0 };
    stats.n++;
    if (got === expected) stats.same++;
    else {
      const orjson = Array.isArray(e.caveats) && e.caveats.some((x) => String(x).startsWith("orjson"));
      const reason = documented(c, cases[i]!, got, expected) ?? (orjson ? "the oracle's orjson 3.8 (state-file numbers; fixtures/oracle/oracle-info.json)" : undefined);
      const cls = reason ? `[documented: ${reason}] ${String(c.kind)}` : mismatchClass(c, got, expected);
      if (reason) stats.documented++;
      const list = classes.get(cls) ?? [];
      list.push({ id, diff: firstDifference(got, expected) });
      classes.set(cls, list);
      mismatches.push({ id, class: cls, case: cases[i], expected, got });
    }
    perGroup.set(key, stats);
  }
  let n = 0;
  let same = 0;
  let known = 0;
  for (const [key, s] of [...perGroup].sort()) {
    n += s.n;
    same += s.same;
    known += s.documented;
    const note = s.documented ? ` (+${s.documented} documented)` : "";
    process.stdout.write(`${key.padEnd(40)} ${String(s.same).padStart(5)}/${String(s.n).padEnd(5)} ${((100 * s.same) / s.n).toFixed(1)}%${note}\n`);
  }
  const pct = (k: number) => ((100 * k) / Math.max(1, n)).toFixed(2);
  process.stdout.write(`TOTAL ${same}/${n} identical (${pct(same)}%); ${known} documented differences; other mismatches ${n - same - known} (${pct(n - same - known)}%)\n\nmismatch classes:\n`);
  for (const [cls, list] of [...classes].sort((a, b) => b[1].length - a[1].length)) {
    process.stdout.write(`${String(list.length).padStart(5)}  ${cls}\n`);
    for (const { id, diff } of list.slice(0, show)) process.stdout.write(`       ${id} ${diff}\n`);
  }
  if (out) writeFileSync(out, mismatches.map((m) => JSON.stringify(m)).join("\n") + (mismatches.length ? "\n" : ""));
}

await main();
