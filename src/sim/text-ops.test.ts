import { describe, expect, it } from "vitest";
import { induceTextOps } from "./induce-text-ops.js";
import { applyTextOps, describeTextForm, describeTextOp, readTextOps, type TextOp } from "./text-ops.js";

const EVERY_OP: TextOp[] = [
  { op: "reverse-words" },
  { op: "reverse-letters" },
  { op: "sort-words" },
  { op: "dedupe-words" },
  { op: "upper" },
  { op: "lower" },
  { op: "title" },
  { op: "initials" },
  { op: "first-words", n: 1 },
  { op: "first-words", n: 2 },
  { op: "last-words", n: 1 },
  { op: "last-words", n: 3 },
  { op: "drop-first" },
  { op: "drop-last" },
  { op: "join", with: "-" },
  { op: "join", with: ", " },
  { op: "join", with: "" },
  { op: "prefix", text: "ID:" },
  { op: "suffix", text: "!" },
  { op: "replace", from: "a", to: "4" },
  { op: "count-words" },
];

describe("text operations", () => {
  it("apply in order to whitespace-separated words", () => {
    expect(applyTextOps("delta alpha charlie", [{ op: "reverse-words" }, { op: "upper" }])).toBe("CHARLIE ALPHA DELTA");
    expect(applyTextOps("delta alpha charlie", [{ op: "sort-words" }, { op: "join", with: "-" }])).toBe("alpha-charlie-delta");
    expect(applyTextOps("north pier lamp", [{ op: "initials" }, { op: "upper" }])).toBe("NPL");
    expect(applyTextOps("a b a c", [{ op: "dedupe-words" }, { op: "count-words" }])).toBe("3");
    expect(applyTextOps("one two", [{ op: "prefix", text: "x-" }, { op: "upper" }])).toBe("X-ONE TWO");
    expect(applyTextOps("  ", [{ op: "upper" }])).toBe("");
  });

  it("read back every operation from the English the proposer writes", () => {
    for (const op of EVERY_OP) expect(readTextOps(`Then ${describeTextOp(op)}.`)).toEqual([op]);
    const ops: TextOp[] = [{ op: "reverse-words" }, { op: "upper" }, { op: "join", with: "_" }];
    expect(describeTextForm(ops, "phrase", "code")).toBe('To produce `code` from `phrase`: first reverse the order of the words, then write every letter in upper case, then join the words with "_".');
    expect(readTextOps(describeTextForm(ops, "phrase", "code"))).toEqual(ops);
  });

  it("read the ways people state them", () => {
    expect(readTextOps("Reverse the word order of the `phrase`, then write it in upper case.")).toEqual([{ op: "reverse-words" }, { op: "upper" }]);
    expect(readTextOps("Sort the words alphabetically, then join them with hyphens.")).toEqual([{ op: "sort-words" }, { op: "join", with: "-" }]);
    expect(readTextOps("Take the first letter of each word, then write them in capital letters.")).toEqual([{ op: "initials" }, { op: "upper" }]);
    expect(readTextOps("Drop the first word and answer in lowercase.")).toEqual([{ op: "drop-first" }, { op: "lower" }]);
    expect(readTextOps("Keep only the last two words, separated by a comma and a space.")).toEqual([{ op: "last-words", n: 2 }, { op: "join", with: ", " }]);
    expect(readTextOps("Capitalize each word.")).toEqual([{ op: "title" }]);
    expect(readTextOps("Answer the question about the passage.")).toEqual([]);
  });
});

describe("induceTextOps", () => {
  it("finds the shortest sequence that explains every example", () => {
    const pairs = (f: (w: string[]) => string) => ["cove alder brim", "ember dune", "heath fjord inlet glen"].map((input) => ({ input, output: f(input.split(" ")) }));
    expect(induceTextOps(pairs((w) => [...w].reverse().join(" ").toUpperCase()))).toEqual([{ op: "reverse-words" }, { op: "upper" }]);
    expect(induceTextOps(pairs((w) => [...w].sort().join("-")))).toEqual([{ op: "sort-words" }, { op: "join", with: "-" }]);
    expect(induceTextOps(pairs((w) => w.map((x) => x[0]).join("").toUpperCase()))).toEqual([{ op: "initials" }, { op: "upper" }]);
    expect(induceTextOps(pairs((w) => `#${w.slice(1).join("_")}`))).toEqual([{ op: "drop-first" }, { op: "join", with: "_" }, { op: "prefix", text: "#" }]);
  });

  it("gives up when nothing in its vocabulary explains the examples, or there is nothing to explain", () => {
    expect(induceTextOps([{ input: "alder brim", output: "seventeen" }, { input: "cove", output: "three" }])).toBeNull();
    expect(induceTextOps([{ input: "same text", output: "same text" }])).toBeNull();
    expect(induceTextOps([])).toBeNull();
  });
});
