import { describe, expect, it } from "vitest";
import { PythonRandom } from "../python/python-random.js";
import { pyStrip } from "../python/py-str.js";
import { StartMarkerQueue, type StartMarkerStep } from "./start-marker-queue.js";

/** DSPy's rule, read literally: join every held chunk, look for the marker, else wait while the stripped text ends with a prefix of it. */
function referenceSteps(chunks: readonly string[], marker: string): StartMarkerStep[] {
  const held = [chunks[0]!];
  const steps: StartMarkerStep[] = [];
  for (const chunk of chunks.slice(1)) {
    held.push(chunk);
    const joined = held.join("");
    if (joined.includes(marker)) return [...steps, { found: joined.slice(joined.indexOf(marker) + marker.length) }];
    const stripped = pyStrip(joined);
    let waits = false;
    for (let i = stripped.length - 1; i >= 0; i--) if (marker.startsWith(stripped.slice(i))) waits = true;
    if (!waits) return [...steps, "drop"];
    steps.push("wait");
  }
  return steps;
}

function steps(chunks: readonly string[], marker: string): StartMarkerStep[] {
  const queue = new StartMarkerQueue(marker, chunks[0]!);
  const out: StartMarkerStep[] = [];
  for (const chunk of chunks.slice(1)) {
    const step = queue.add(chunk);
    out.push(step);
    if (step !== "wait") break;
  }
  return out;
}

const UNITS = ["[", "[[", " ", "##", " d", " ## ]]", "]]", "\n", "\t", "\u00a0", "x", "<", "<d", ">", '"d"', '"', ":", "d", "[[ ## d ## ]]", "<d>", '"d":', ""];

describe("StartMarkerQueue", () => {
  it("finds, waits and drops where joining every held chunk does (random chunk sequences, three markers)", () => {
    const rng = new PythonRandom(3);
    const mismatches: string[] = [];
    const outcomes = new Set<string>();
    for (const marker of ["[[ ## d ## ]]", "<d>", '"d":']) {
      for (let n = 0; n < 3000; n++) {
        const chunks = Array.from({ length: 2 + Number(rng.randbelow(12)) }, () =>
          Array.from({ length: 1 + Number(rng.randbelow(3)) }, () => UNITS[Number(rng.randbelow(UNITS.length))]).join(""),
        );
        const want = referenceSteps(chunks, marker);
        const got = steps(chunks, marker);
        if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${marker} ${JSON.stringify(chunks)}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
        const last = want[want.length - 1];
        outcomes.add(typeof last === "object" ? "found" : String(last));
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect([...outcomes].sort()).toEqual(["drop", "found", "wait"]);
  });

  it("holds a long run of marker prefixes at a cost per chunk that does not grow with the run", () => {
    const queue = new StartMarkerQueue("[[ ## d ## ]]", "[");
    for (let i = 0; i < 50_000; i++) expect(queue.add(i % 2 ? "[" : "[ \n ")).toBe("wait");
    expect((queue as unknown as { recent: string; strippedTail: string }).recent.length).toBeLessThan(13);
    expect(queue.add("[ ## d ## ]] text")).toEqual({ found: " text" });
  });
});
