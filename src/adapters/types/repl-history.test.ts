import { describe, expect, it } from "vitest";
import { formatFieldValue } from "../format-field-value.js";
import { REPL_HISTORY_TYPE, REPLHistory, formatReplOutput, groupThousands } from "./repl-history.js";
import { REPLVariable } from "./repl-variable.js";

describe("REPLHistory", () => {
  it("renders DSPy's empty-history sentence and numbered steps", () => {
    expect(new REPLHistory().format()).toBe("You have not interacted with the REPL environment yet.");
    const history = new REPLHistory().append({ reasoning: "Look.", code: "print(1)", output: "1\n" }).append({ code: "x = 1", output: "(no output)" });
    expect(history.length).toBe(2);
    expect(history.format()).toBe(
      "=== Step 1 ===\nReasoning: Look.\nCode:\n```python\nprint(1)\n```\nOutput (2 chars):\n1\n\n=== Step 2 ===\nCode:\n```python\nx = 1\n```\nOutput (11 chars):\n(no output)",
    );
    expect(formatFieldValue({ type: REPL_HISTORY_TYPE }, history)).toBe(history.format());
  });

  it("cuts the middle of a long output and keeps its true length", () => {
    expect(formatReplOutput("abcdefghij", 4)).toBe("Output (10 chars):\nab\n\n... (6 characters omitted) ...\n\nij");
    expect(groupThousands(1234567)).toBe("1,234,567");
    expect(groupThousands(999)).toBe("999");
  });
});

describe("REPLVariable", () => {
  it("previews lists as indented JSON and long strings with their middle cut", () => {
    const list = REPLVariable.fromValue("items", [1, "é"], { desc: "The items.", constraints: "" });
    expect(list.format()).toBe('Variable: `items` (access it in your code)\nType: list\nDescription: The items.\nTotal length: 19 characters\nPreview:\n```\n[\n  1,\n  "\\u00e9"\n]\n```');
    const text = REPLVariable.fromValue("context", "a".repeat(600) + "b".repeat(600), { desc: "${context}", constraints: "" });
    expect(text.desc).toBe("");
    expect(text.totalLength).toBe(1200);
    expect(text.preview).toBe(`${"a".repeat(500)}...${"b".repeat(500)}`);
    expect(REPLVariable.fromValue("n", 3).typeName).toBe("int");
    expect(REPLVariable.fromValue("d", { a: 1 }).typeName).toBe("dict");
  });
});
