import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../utils/hash.js";
import { PyFloat } from "./py-float.js";
import { parsePyJson } from "./py-json.js";
import { pickleDumps, PyDict, PyRef, PyTuple } from "./python-pickle.js";

type Json = any;
const cases = parsePyJson(readFileSync(new URL("./__fixtures__/pickle.oracle.json", import.meta.url), "utf8")) as Json[];

/** The fixture's value form → tsdspy's pickle model (see make_pickle_cases.py). */
function decode(form: Json, registry: Map<number, unknown>): unknown {
  if (typeof form !== "object" || form === null || form instanceof PyFloat) return form;
  if (Array.isArray(form)) throw new Error("bare arrays are not part of the form");
  if ("$rep" in form) return String(form.$rep[0]).repeat(Number(form.$rep[1]));
  if ("$ref" in form) return registry.get(Number(form.$ref));
  if ("$float" in form) return new PyFloat(Number(form.$float === "-0.0" ? -0 : form.$float));
  if ("$tuple" in form) return new PyTuple(form.$tuple.map((f: Json) => decode(f, registry)));
  if ("$str" in form) {
    const ref = new PyRef(decode(form.v, registry) as string);
    registry.set(Number(form.$str), ref);
    return ref;
  }
  if ("$list" in form) {
    const list: unknown[] = [];
    registry.set(Number(form.$list), list);
    for (const f of form.v) list.push(decode(f, registry));
    return list;
  }
  if ("$dict" in form) {
    const entries: Array<[string, unknown]> = [];
    const dict = new PyDict(entries);
    registry.set(Number(form.$dict), dict);
    for (const [k, f] of form.v) entries.push([decode(k, registry) as string, decode(f, registry)]);
    return dict;
  }
  throw new Error(`unknown form ${JSON.stringify(form)}`);
}

describe("pickleDumps against CPython 3.11's pickle.dumps(protocol=4)", () => {
  it(`matches ${cases.length} random value trees byte for byte (shared objects, long strings, frames)`, () => {
    for (const c of cases) {
      const bytes = pickleDumps(decode(c.value, new Map()));
      if (c.bytes) expect(Buffer.from(bytes).toString("base64"), `case ${c.id}`).toBe(c.bytes);
      expect(bytes.length, `case ${c.id}`).toBe(Number(c.size));
      expect(sha256Hex(bytes), `case ${c.id}`).toBe(c.sha256);
    }
  });

  it("refuses what it cannot model", () => {
    expect(() => pickleDumps(new Date())).toThrow("cannot pickle a Date like CPython does");
  });
});
