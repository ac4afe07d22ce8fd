import { describe, expect, it } from "vitest";
import { dedent, isPySpace, pyLstrip, pyRstrip, pySplitlines, pyStrip } from "./py-str.js";

// Expected values: CPython 3.11 `str.strip()`, `str.splitlines()`, `textwrap.dedent`.
describe("py-str", () => {
  it("strips Python's whitespace set", () => {
    expect(pyStrip("\x1c a \x85")).toBe("a");
    expect(pyStrip("\ufeffa\ufeff")).toBe("\ufeffa\ufeff");
    expect(pyStrip("\u3000\t x\n")).toBe("x");
    expect(pyLstrip("  a ")).toBe("a ");
    expect(pyRstrip("  a \u2028")).toBe("  a");
    expect(isPySpace("\x1f")).toBe(true);
    expect(isPySpace("\u200b")).toBe(false);
  });
  it("splits lines like str.splitlines()", () => {
    expect(pySplitlines("a\nb\r\nc\rd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l")).toEqual(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]);
    expect(pySplitlines("a\n")).toEqual(["a"]);
    expect(pySplitlines("a\n\n")).toEqual(["a", ""]);
    expect(pySplitlines("")).toEqual([]);
    expect(pySplitlines("\x1f")).toEqual(["\x1f"]);
  });
  it("dedents like textwrap.dedent", () => {
    expect(dedent("  a\n    b\n  c")).toBe("a\n  b\nc");
    expect(dedent("  a\n   \n  b")).toBe("a\n\nb");
    expect(dedent("\ta\n  b")).toBe("\ta\n  b");
    expect(dedent("a\n  b")).toBe("a\n  b");
    expect(dedent("    x\n\t\n    y")).toBe("x\n\ny");
  });
});
