import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The simulator answers by general rules about prompts, never by vocabulary of one dataset (docs/sim.md). This test
 * greps everything under src/sim — code, comments, tests and fixtures — for the README demo's distinctive words.
 */
const here = dirname(fileURLToPath(import.meta.url));
const DATASET = join(here, "../../examples/support/data/tickets.jsonl");

/** Words and phrases distinctive of the demo dataset (each is checked to occur in it), as case-insensitive patterns. */
const DATASET_TERMS: ReadonlyArray<[string, RegExp]> = [
  ["polic", /polic/i],
  ["ticket", /\bticket/i],
  ["customer", /\bcustomer/i],
  ["refund", /\brefund/i],
  ["delivery", /\bdeliver(y|ed|ies)\b/i],
  ["damaged", /\bdamaged\b/i],
  ["warranty", /\bwarrant(y|ies)\b/i],
  ["gift card", /\bgift cards?\b/i],
  ["price match", /\bprice match/i],
  ["address change", /\baddress change/i],
  ["replacement", /\breplacement/i],
  ["credit", /\bcredit/i],
  ["qualif", /\bqualif/i],
  ["shipping", /\bship(ping|ped|s)\b/i],
  ["package", /\bpackag(e|es|ing)\b/i],
  ["tracking", /\btracking\b/i],
  ["transit", /\btransit\b/i],
  ["unopened", /\bunopened\b/i],
  ["headphones", /\bheadphones?\b/i],
  ["vase", /\bvases?\b/i],
  ["blender", /\bblender/i],
  ["shattered", /\bshattered\b/i],
  ["dented", /\bdented\b/i],
  ["compensation", /\bcompensation\b/i],
  ["electronics", /\belectronics\b/i],
  ["advertised", /\badvertised\b/i],
  ["resolution", /\bresolution/i],
  ["order #", /\border #/i],
  ["business days", /\bbusiness days\b/i],
  ["dispute the charge", /\bdispute the charge\b/i],
];

/** Support-desk phrases the simulator used to carry that the dataset itself lacks. */
const DOMAIN_TERMS: ReadonlyArray<[string, RegExp]> = [
  ["reshipment", /\breshipment/i],
  ["lost package", /\blost[- ]package/i],
  ["reaching out", /\breaching out\b/i],
  ["sorry for the trouble", /\bsorry for the trouble\b/i],
  ["parcel", /\bparcels?\b/i],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe("src/sim carries no vocabulary of the demo dataset", () => {
  it("every listed term is the dataset's (so the list stays honest)", () => {
    const dataset = readFileSync(DATASET, "utf8");
    const missing = DATASET_TERMS.filter(([, pattern]) => !pattern.test(dataset)).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it("no file under src/sim contains one", () => {
    const self = fileURLToPath(import.meta.url);
    const found: string[] = [];
    for (const file of files(here)) {
      if (file === self) continue;
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((line, i) => {
        for (const [name, pattern] of [...DATASET_TERMS, ...DOMAIN_TERMS]) {
          if (pattern.test(line)) found.push(`${relative(here, file)}:${i + 1}: "${name}"`);
        }
      });
    }
    expect(found).toEqual([]);
  });
});
