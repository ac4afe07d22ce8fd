import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AdapterParseError } from "./adapter-parse-error.js";
import { DSPyError } from "./dspy-error.js";
import { formatErrorForLm } from "./format-error-for-lm.js";
import { ValidationError } from "./validation-error.js";

/** A message function that counts its calls. */
function counted(text: string): { build: () => string; calls: () => number } {
  let calls = 0;
  return {
    build: () => {
      calls++;
      return text;
    },
    calls: () => calls,
  };
}

describe("lazy error messages", () => {
  it("builds a message given as a function once, on its first read, and reads like an eager one everywhere", () => {
    const text = "1 validation error for int\n  Input should be a valid integer";
    const lazy = counted(text);
    const error = new ValidationError("int", [], lazy.build);
    const eager = new ValidationError("int", [], text);
    expect(lazy.calls()).toBe(0);
    expect(Object.getOwnPropertyDescriptor(error, "message")?.get).toBeTypeOf("function");
    expect(error.message).toBe(text);
    expect(lazy.calls()).toBe(1);
    expect(Object.getOwnPropertyDescriptor(error, "message")).toEqual({ value: text, writable: true, enumerable: false, configurable: true });
    expect(Object.getOwnPropertyDescriptor(error, "message")).toEqual(Object.getOwnPropertyDescriptor(eager, "message"));
    expect(String(error)).toBe(String(eager));
    expect(formatErrorForLm(error, { tracebackFrames: 5 })).toBe(formatErrorForLm(eager, { tracebackFrames: 5 }));
    expect(JSON.stringify(error)).toBe(JSON.stringify(eager));
    expect(Object.keys(error)).toEqual(Object.keys(eager));
    expect(lazy.calls()).toBe(1);
  });

  it("gives `stack` the full message: V8 formats the stack on its first read, from the message then", () => {
    const lazy = counted("first line\nsecond line");
    const error = new DSPyError(lazy.build);
    expect(lazy.calls()).toBe(0);
    expect(error.stack?.split("\n").slice(0, 3)).toEqual(["DSPyError: first line", "second line", expect.stringMatching(/^ {4}at /)]);
    expect(lazy.calls()).toBe(1);
    const shown = inspect(error);
    expect(shown.startsWith("DSPyError: first line\nsecond line\n    at ")).toBe(true);
    expect(lazy.calls()).toBe(1);
  });

  it("keeps `message` assignable before and after the first read", () => {
    const before = new DSPyError(() => "built");
    before.message = "set";
    expect(before.message).toBe("set");
    const after = new DSPyError(() => "built");
    expect(after.message).toBe("built");
    after.message = "set";
    expect(after.message).toBe("set");
  });

  it("builds AdapterParseError's whole message from a lazy reason, byte for byte as from the same text given eagerly", () => {
    const reason = counted("Failed to parse field b with value four from the LM response. Error message: boom");
    const options = { adapterName: "ChatAdapter", expectedFields: ["a", "b"], lmResponse: "[[ ## b ## ]]\nfour", parsedResult: { a: 1 } };
    const lazy = new AdapterParseError({ ...options, message: reason.build });
    const eager = new AdapterParseError({ ...options, message: reason.build() });
    expect(reason.calls()).toBe(1);
    expect(lazy.message).toBe(eager.message);
    expect(lazy.message).toBe(
      "Failed to parse field b with value four from the LM response. Error message: boom\n\n" +
        "Adapter ChatAdapter failed to parse the LM response. \n\nLM Response: [[ ## b ## ]]\nfour \n\n" +
        "Expected to find output fields in the LM response: [a, b] \n\nActual output fields parsed from the LM response: [a] \n\n",
    );
    expect(reason.calls()).toBe(2);
    const empty = new AdapterParseError({ ...options, message: () => "" });
    expect(empty.message).toBe(new AdapterParseError(options).message);
  });

  it("shows a lazy cause's message in util.inspect of the outer error", () => {
    const cause = new ValidationError("int", [], () => "1 validation error for int");
    const error = new AdapterParseError({ adapterName: "ChatAdapter", expectedFields: ["b"], lmResponse: "x", message: () => `Error message: ${cause.message}`, cause });
    const shown = inspect(error);
    expect(shown.startsWith("AdapterParseError: Error message: 1 validation error for int\n\nAdapter ChatAdapter failed")).toBe(true);
    expect(shown).toContain("[cause]: ValidationError: 1 validation error for int\n");
  });
});
