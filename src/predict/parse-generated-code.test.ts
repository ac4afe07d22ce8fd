import { describe, expect, it } from "vitest";
import { PythonRandom } from "../python/python-random.js";
import { parseGeneratedCode } from "./program-of-thought.js";

/** `_parse_code` with the fence search as DSPy writes it (a regex; quadratic on many unclosed fences, fine on short texts). */
function referenceParse(generated: string): { code: string; error: string | null } {
  const text = generated.split("---")[0]!.split("\n\n\n")[0]!;
  const match = /```python[ \n]([\s\S]*?)[ \n]```?/.exec(text);
  let block = match ? match[1]! : text;
  if (!block) return { code: text, error: "Error: Empty code after parsing." };
  if (!block.includes("\n") && block.split("=").length - 1 > 1) return { code: text, error: "Error: Code format is not correct." };
  const lines = block.split("\n");
  const assigned = /^([\p{L}\p{N}_]+)\s*=/u.exec(lines[lines.length - 1]!.trim());
  if (assigned && lines.length > 1) block += `\n${assigned[1]}`;
  return { code: block, error: null };
}

describe("parseGeneratedCode's fence search", () => {
  it("finds the block the regex finds on random texts of fences, spaces and newlines", () => {
    const rng = new PythonRandom(6);
    const units = ["```python", "```", "``", "`", " ", "\n", "x = 1", "python", "="];
    const mismatches: string[] = [];
    for (let n = 0; n < 5000; n++) {
      const text = Array.from({ length: Number(rng.randbelow(10)) }, () => units[Number(rng.randbelow(units.length))]).join("");
      if (JSON.stringify(parseGeneratedCode(text)) !== JSON.stringify(referenceParse(text))) mismatches.push(JSON.stringify(text));
    }
    expect(mismatches).toEqual([]);
  });

  it("reads a reply of unclosed python fences in one pass", () => {
    const text = "```python xyz".repeat(80_000);
    expect(parseGeneratedCode(text)).toEqual({ code: text, error: null });
  });
});
