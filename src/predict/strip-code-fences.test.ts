import { describe, expect, it } from "vitest";
import { PythonSyntaxError } from "../errors/python-syntax-error.js";
import { stripCodeFences } from "./strip-code-fences.js";

describe("stripCodeFences (DSPy's _strip_code_fences)", () => {
  it("keeps unfenced code and takes the first python or bare block", () => {
    expect(stripCodeFences("  print(1)  ")).toBe("print(1)");
    expect(stripCodeFences("Here:\n```python\nx = 1\nprint(x)\n```\nthen ```python\ny\n```")).toBe("x = 1\nprint(x)");
    expect(stripCodeFences("```\nprint(2)\n```")).toBe("print(2)");
    expect(stripCodeFences("```\n```py\nprint(3)\n```\n```")).toBe("print(3)");
    expect(stripCodeFences("```python\nprint(4)")).toBe("print(4)");
    expect(stripCodeFences("``` python")).toBe("``` python");
  });

  it("refuses a fence tagged with another language", () => {
    expect(() => stripCodeFences("```js\nconsole.log(1)\n```")).toThrow(PythonSyntaxError);
    expect(() => stripCodeFences("```JS\nx\n```")).toThrow("Expected Python code but got ```js fence. Write Python code, not js.");
  });
});
