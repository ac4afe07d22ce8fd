import { describe, expect, it } from "vitest";
import { PythonRandom } from "../../python/python-random.js";
import { filterCode } from "./code.js";

/** DSPy's `_filter_code` read literally (its two regexes; quadratic on texts full of fences, fine on short ones). */
function referenceFilterCode(text: string): string {
  const fenced = /```[^\n]*\n([\s\S]*?)```/.exec(text);
  if (fenced) return fenced[1]!.trim();
  const inline = /```([\s\S]*?)```/.exec(text);
  if (inline) return inline[1]!.trim();
  return text;
}

describe("filterCode", () => {
  it("takes the first fenced block, else the first inline one, else the text", () => {
    expect(filterCode("Here:\n```python\nprint(1)\n```\nand ```x```")).toBe("print(1)");
    expect(filterCode("run ```ls -l``` now")).toBe("ls -l");
    expect(filterCode("````\nx````")).toBe("x");
    expect(filterCode("no code")).toBe("no code");
  });

  it("matches the regexes on random texts of backticks, newlines and letters", () => {
    const rng = new PythonRandom(4);
    const units = ["`", "``", "```", "\n", " ", "a", "py", "\r"];
    const mismatches: string[] = [];
    for (let n = 0; n < 5000; n++) {
      const text = Array.from({ length: Number(rng.randbelow(16)) }, () => units[Number(rng.randbelow(units.length))]).join("");
      if (filterCode(text) !== referenceFilterCode(text)) mismatches.push(JSON.stringify(text));
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it("reads a text made of fences without a newline in one pass (the regex retried each fence to the end)", () => {
    const text = "```".repeat(300_000);
    expect(filterCode(text)).toBe("");
    expect(filterCode(`${text}\n`)).toBe("");
    expect(filterCode(`\`\`\`${"x".repeat(300_000)}`)).toBe(`\`\`\`${"x".repeat(300_000)}`);
  });
});
