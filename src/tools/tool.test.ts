import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { withSettings, resetSettings } from "../context/settings.js";
import type { Callback } from "../context/callback.js";
import { ToolCalls } from "../adapters/types/tool-calls.js";
import { ToolCallResults } from "../adapters/types/tool-call-results.js";
import { parsePyJson } from "../python/py-json.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import { Tool } from "./tool.js";
import { jsonSchemaError } from "./json-schema-errors.js";

interface ToolCase {
  name: string;
  types: Record<string, string>;
  defaults: Record<string, unknown>;
  desc: string | null;
  args: Record<string, Record<string, unknown>>;
  str: string;
  function: unknown;
  calls: Array<{ kwargs: Record<string, unknown>; parsed?: Record<string, unknown>; error?: string; message?: string }>;
}

const fixture = parsePyJson(readFileSync(new URL("./__fixtures__/tool.oracle.json", import.meta.url), "utf8")) as ToolCase[];

afterEach(() => resetSettings());

describe("Tool against DSPy 3.3.1 (oracle)", () => {
  for (const c of fixture) {
    const tool = new Tool(() => null, { name: c.name, desc: c.desc, argTypes: c.types, defaults: c.defaults });
    it(`${c.name}: args, str() and function spec`, () => {
      expect(pyJsonDumps(tool.args)).toBe(pyJsonDumps(c.args));
      expect(tool.toString()).toBe(c.str);
      expect(pyJsonDumps(tool.formatAsFunctionCall())).toBe(pyJsonDumps(c.function));
    });
    it(`${c.name}: ${c.calls.length} argument sets validate and parse as DSPy's`, async () => {
      for (const call of c.calls) {
        const tsTool = new Tool(() => null, { name: c.name, desc: c.desc, argTypes: c.types, defaults: c.defaults, checkRequired: false });
        let outcome: { parsed?: string; error?: string; message?: string };
        try {
          const parsed = await tsTool.parseArgs(call.kwargs);
          // DSPy's parse step returns only the given arguments; defaults are Python's call semantics.
          outcome = { parsed: pyJsonDumps(Object.fromEntries(Object.keys(call.kwargs).map((k) => [k, parsed[k]]))) };
        } catch (error) {
          outcome = { error: (error as Error).name, message: (error as Error).message };
        }
        const expected = call.error ? { error: call.error, message: call.message } : { parsed: pyJsonDumps(call.parsed) };
        expect(outcome, pyJsonDumps(call.kwargs)).toEqual(expected);
      }
    });
  }
});

describe("Tool", () => {
  it("takes a zod schema: arguments are validated and parsed by it, schemas shown as JSON schema", async () => {
    const search = new Tool(async ({ query, limit }) => `${query}:${limit}`, {
      name: "search",
      desc: "Search the web.",
      schema: z.object({ query: z.string().describe("What to look for"), limit: z.number().int().default(3) }),
    });
    expect(search.toString()).toBe(
      "search, whose description is <desc>Search the web.</desc>. It takes arguments " +
        "{'query': {'type': 'string', 'description': 'What to look for'}, 'limit': {'default': 3, 'type': 'integer'}}.",
    );
    expect(search.formatAsFunctionCall().function.parameters.required).toEqual(["query"]);
    await expect(search.call({ query: "cats" })).resolves.toBe("cats:3");
    await expect(search.call({ query: 3 })).rejects.toThrow("Arg query is invalid: 3 is not of type 'string'");
    await expect(search.call({ query: "x", page: 2 })).rejects.toThrow("Arg page is not in the tool's args.");
    await expect(search.call({})).rejects.toThrow("search() missing 1 required positional argument: 'query'");
  });

  it("takes DSPy's (func, name, desc, args) form and a JSON schema of the whole argument object", async () => {
    const add = new Tool(({ a, b }) => a + b, { name: "add", desc: "Add.", args: { a: { type: "integer" }, b: { type: "integer" } } });
    await expect(add.call({ a: 2, b: 3 })).resolves.toBe(5);
    await expect(add.call({ a: 2 })).rejects.toThrow("add() missing 1 required positional argument: 'b'");
    const viaSchema = new Tool(({ a }) => a, { name: "id", schema: { type: "object", properties: { a: { type: "string" } }, required: ["a"] } });
    expect(viaSchema.args).toEqual({ a: { type: "string" } });
    expect(viaSchema.desc).toBeNull();
    expect(viaSchema.toString()).toBe("id. It takes arguments {'a': {'type': 'string'}}.");
  });

  it("names itself after the function and runs sync and async functions alike", async () => {
    function greet({ who }: { who: string }) {
      return `hi ${who}`;
    }
    const tool = new Tool(greet, { argTypes: { who: "str" } });
    expect(tool.name).toBe("greet");
    await expect(tool.call({ who: "ann" })).resolves.toBe("hi ann");
    const slow = new Tool(async () => "later", { name: "slow" });
    await expect(slow.call()).resolves.toBe("later");
  });

  it("fires onToolStart then onToolEnd with one call id, also when the tool fails", async () => {
    const events: string[] = [];
    const ids: string[] = [];
    const cb: Callback = {
      onToolStart: (id, instance, inputs) => {
        ids.push(id);
        events.push(`start ${(instance as Tool).name} ${JSON.stringify(inputs)}`);
      },
      onToolEnd: (id, outputs, error) => {
        ids.push(id);
        events.push(`end ${JSON.stringify(outputs)} ${error ? (error as Error).message : "ok"}`);
      },
    };
    const boom = new Tool(() => {
      throw new Error("boom");
    }, { name: "boom" });
    const one = new Tool(() => 1, { name: "one" });
    await withSettings({ callbacks: [cb] }, async () => {
      await one.call();
      await expect(boom.call()).rejects.toThrow("boom");
    });
    expect(events).toEqual(["start one {}", "end 1 ok", "start boom {}", "end null boom"]);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[3]);
    expect(ids[0]).not.toBe(ids[2]);
  });
});

describe("ToolCalls.execute and ToolCallResults", () => {
  const add = new Tool(({ a, b }) => a + b, { name: "add", argTypes: { a: "int", b: "int" } });
  it("runs each call with a list of tools or a record of functions", async () => {
    const calls = ToolCalls.fromDictList([{ name: "add", args: { a: 1, b: 2 } }, { name: "add", args: { a: 3, b: 4 } }], JSON.parse);
    await expect(calls.execute([add])).resolves.toEqual([3, 7]);
    await expect(calls.execute({ add: ({ a, b }) => a * b })).resolves.toEqual([2, 12]);
  });
  it("names a missing function and wraps a failure as DSPy does", async () => {
    const calls = ToolCalls.fromDictList([{ name: "nope", args: {} }], JSON.parse);
    await expect(calls.execute([add])).rejects.toThrow("Tool function 'nope' not found. Please pass the tool functions to the `execute` method.");
    const bad = ToolCalls.fromDictList([{ name: "add", args: { a: "x", b: 1 } }], JSON.parse);
    await expect(bad.execute([add])).rejects.toThrow("Error executing tool 'add': Arg a is invalid: 'x' is not of type 'integer'");
  });
  it("pairs results with calls and dumps like pydantic", () => {
    const calls = ToolCalls.fromDictList([{ id: "c1", name: "add", args: { a: 1, b: 2 } }], JSON.parse);
    const results = ToolCallResults.fromToolCallsAndValues(calls, [3]);
    expect(results.toPyJson()).toEqual({ tool_call_results: [{ call_id: "c1", name: "add", value: 3, is_error: false }] });
    expect(() => ToolCallResults.fromToolCallsAndValues(calls, [])).toThrow("ToolCallResults.fromToolCallsAndValues: `toolCalls` and `values` must have the same length.");
    expect(() => ToolCallResults.fromToolCallsAndValues(calls, [3], [true, false])).toThrow(/`isErrors` must have the same length as `toolCalls`/);
    expect(ToolCallResults.fromValue({ name: "x", value: 1 }).results).toEqual([{ call_id: null, name: "x", value: 1, is_error: false }]);
    expect(new ToolCalls(calls.toolCalls, results).toPyJson()).toEqual({
      tool_calls: [{ name: "add", args: { a: 1, b: 2 } }],
      tool_call_results: { tool_call_results: [{ call_id: "c1", name: "add", value: 3, is_error: false }] },
    });
  });
});

describe("jsonSchemaError (Python jsonschema's messages)", () => {
  it.each([
    [[], { type: "array", minItems: 1 }, "[] should be non-empty"],
    ["abc", { type: "integer" }, "'abc' is not of type 'integer'"],
    [{ a: 1 }, { type: "object", required: ["b"], properties: { a: { type: "string" } } }, "'b' is a required property"],
    ["x", { type: ["integer", "null"] }, "'x' is not of type 'integer', 'null'"],
    [5, { type: "integer", enum: [1, 2] }, "5 is not one of [1, 2]"],
    [[1, "a"], { type: "array", items: { type: "integer" } }, "'a' is not of type 'integer'"],
    ["x", { type: "string", anyOf: [{ maxLength: 0 }, { pattern: "^a" }] }, "'x' is not valid under any of the given schemas"],
    [{ a: 1, b: 2 }, { type: "object", properties: {}, additionalProperties: false }, "Additional properties are not allowed ('a', 'b' were unexpected)"],
    [true, { type: "integer" }, "True is not of type 'integer'"],
  ])("%j against %j", (instance, schema, message) => {
    expect(jsonSchemaError(instance, schema as Record<string, unknown>)).toBe(message);
  });

  it("reports an argument with 140,000 failing items (no call-stack overflow from spreading their errors)", () => {
    const items = Array.from({ length: 140_000 }, () => "x");
    expect(jsonSchemaError(items, { type: "array", items: { type: "integer" } })).toBe("'x' is not of type 'integer'");
  });
});
