import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { PythonRandom } from "../python/python-random.js";
import { pyRstrip } from "../python/py-str.js";
import { JsonFieldEnd, type JsonFieldEndVerdict } from "./json-field-end.js";
import { JsonKeysError, objectKeysFrom, partialJsonKeys } from "./partial-json-keys.js";

vi.mock("./partial-json-keys.js", async (importActual) => {
  const actual = await importActual<typeof import("./partial-json-keys.js")>();
  return { ...actual, objectKeysFrom: vi.fn(actual.objectKeysFrom) };
});

/** DSPy's rule, read literally: after each chunk, re-read the whole text (strictly if it ends with `}`, then partially). */
function referenceVerdict(text: string, field: string): JsonFieldEndVerdict | undefined {
  if (pyRstrip(text).endsWith("}")) {
    try {
      partialJsonKeys(text, false);
      return { end: "object" };
    } catch (error) {
      if (!(error instanceof JsonKeysError)) throw error;
    }
  }
  try {
    const keys = partialJsonKeys(text, true);
    if (keys.length > 1) return { end: "key", next: keys.find((key) => key !== field)! };
  } catch (error) {
    if (!(error instanceof JsonKeysError)) throw error;
  }
  return undefined;
}

/** Feeds the chunks to both; the verdicts must agree after every chunk up to the first end. */
function compare(chunks: readonly string[], field = "d"): string[] {
  const opening = `{"${field}":`;
  const incremental = new JsonFieldEnd(field, opening);
  let text = opening;
  for (const [i, chunk] of chunks.entries()) {
    text += chunk;
    const want = referenceVerdict(text, field);
    const got = incremental.feed(chunk);
    if (JSON.stringify(got) !== JSON.stringify(want)) return [`${JSON.stringify(text)} (chunk ${i}): got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`];
    if (want) return [];
  }
  return [];
}

const UNITS = ['"', "\\", '\\"', "\\u00", "{", "}", "[", "]", ":", ",", " ", "\n", "\t", "\r  ", "9", "05", "1e", "-0", "\u00a0", "1", "-", "e", ".", "0", "tr", "ue", "null", "N", '"d"', '"e"', '"a": ', '"x"', "x", "é", "\u0001"];

function randomValue(rng: PythonRandom, depth: number): unknown {
  const kind = Number(rng.randbelow(depth > 2 ? 4 : 6));
  if (kind === 0) return Number(rng.randbelow(1000)) - 500;
  if (kind === 1) return ["", "a", 'q"uote', "back\\slash", "}", "]", ",", "é"][Number(rng.randbelow(8))];
  if (kind === 2) return [true, false, null][Number(rng.randbelow(3))];
  if (kind === 3) return Number(rng.randbelow(100)) / 8;
  if (kind === 4) return Array.from({ length: Number(rng.randbelow(4)) }, () => randomValue(rng, depth + 1));
  return Object.fromEntries(Array.from({ length: Number(rng.randbelow(4)) }, (_, i) => [["d", "e", "f", "}"][i]!, randomValue(rng, depth + 1)]));
}

function chunked(rng: PythonRandom, text: string): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Number(rng.randbelow(6));
    chunks.push(text.slice(i, i + n));
    i += n;
  }
  return chunks;
}

describe("JsonFieldEnd", () => {
  it("ends where re-reading the whole text after every chunk ends (random token soups)", () => {
    const rng = new PythonRandom(11);
    const mismatches: string[] = [];
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: 1 + Number(rng.randbelow(25)) }, () => UNITS[Number(rng.randbelow(UNITS.length))]).join("");
      mismatches.push(...compare(chunked(rng, ` ${text}`)));
    }
    expect(mismatches).toEqual([]);
  });

  it("ends where re-reading ends (random JSON objects, whole, cut short, or followed by junk)", () => {
    const rng = new PythonRandom(12);
    const mismatches: string[] = [];
    let ends = 0;
    for (let n = 0; n < 2000; n++) {
      const entries = Array.from({ length: 1 + Number(rng.randbelow(3)) }, (_, i) => `"${["d", "e", "d", "f"][Number(rng.randbelow(4))]}": ${JSON.stringify(randomValue(rng, 0))}`);
      let text = `{${entries.join(", ")}}`.slice(5); // the listener's text after `{"d":`
      if (!text.startsWith(" ")) continue;
      const cut = Number(rng.randbelow(3));
      if (cut === 1) text = text.slice(0, Number(rng.randbelow(text.length)));
      if (cut === 2) text += UNITS[Number(rng.randbelow(UNITS.length))]!.repeat(1 + Number(rng.randbelow(3)));
      const chunks = chunked(rng, text);
      mismatches.push(...compare(chunks));
      if (referenceVerdict(`{"d":${text}`, "d")) ends++;
    }
    expect(mismatches).toEqual([]);
    expect(ends).toBeGreaterThan(500);
  });

  it("ends where re-reading ends for the jiter fixture texts, one character at a time", () => {
    const fixture = JSON.parse(readFileSync(new URL("./__fixtures__/jiter-keys.json", import.meta.url), "utf8")) as { cases: Array<{ text: string }> };
    let compared = 0;
    const mismatches = fixture.cases.flatMap((c) => {
      const opening = /^\{("(?:[^"\\]|\\.)*"):/.exec(c.text);
      if (!opening) return [];
      compared++;
      return compare([...c.text.slice(opening[0].length)], JSON.parse(opening[1]!) as string);
    });
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(150);
  });

  it("reads the text again only when a chunk reaches the top-level object, from its last unfinished entry", () => {
    const read = vi.mocked(objectKeysFrom);
    read.mockClear();
    const end = new JsonFieldEnd("d", '{"d":');
    expect(end.feed(" [")).toBeUndefined();
    for (let i = 0; i < 10_000; i++) expect(end.feed('[1, "}", {"a": [2]}], ')).toBeUndefined();
    expect(end.feed("0]")).toBeUndefined();
    expect(read).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 1000; i++) expect(end.feed(', "d": 1')).toBeUndefined();
    expect(read).toHaveBeenCalledTimes(1001);
    // Each read starts at the last `, "d": 1` entry, not at the 200 KB value before it.
    expect(Math.max(...read.mock.calls.slice(2).map(([text]) => text.length))).toBeLessThan(20);
    expect(end.feed(', "e": "')).toEqual({ end: "key", next: "e" });
  });

  it("reads whitespace after a value once, however much of it follows", () => {
    const read = vi.mocked(objectKeysFrom);
    for (const value of [" 1", " true", ' "x"', " 1.5e3", ' {"a": 1}']) {
      read.mockClear();
      const end = new JsonFieldEnd("d", '{"d":');
      expect(end.feed(value)).toBeUndefined();
      for (let i = 0; i < 10_000; i++) expect(end.feed(["  ", "\n", "\t \r", " "][i % 4]!)).toBeUndefined();
      expect(read.mock.calls.length).toBeLessThanOrEqual(2);
      expect(end.feed(', "e": "')).toEqual({ end: "key", next: "e" });
    }
  });

  it("stops reading once no text can end the field (malformed, or nested past jiter's 201 levels)", () => {
    const read = vi.mocked(objectKeysFrom);
    for (const [opening, more] of [[' 1 x', ', "e": 1'], [" [".repeat(201), "], 1"]] as const) {
      const end = new JsonFieldEnd("d", '{"d":');
      expect(end.feed(opening)).toBeUndefined();
      read.mockClear();
      for (let i = 0; i < 100; i++) expect(end.feed(more)).toBeUndefined();
      expect(read.mock.calls.length).toBeLessThanOrEqual(1);
      expect(referenceVerdict(`{"d":${opening}${more.repeat(100)}`, "d")).toBeUndefined();
    }
  });
});
