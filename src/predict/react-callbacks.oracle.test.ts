import { readFileSync } from "node:fs";
import { afterEach, expect, it } from "vitest";
import type { Callback } from "../context/callback.js";
import { resetSettings, withSettings } from "../context/settings.js";
import { parsePyJson } from "../python/py-json.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import { DummyLM } from "../testing/dummy-lm.js";
import type { Tool } from "../tools/tool.js";
import { ORACLE_TOOLS } from "./__fixtures__/react-oracle-tools.js";
import { ReAct } from "./react.js";

const fixture = parsePyJson(readFileSync(new URL("./__fixtures__/react-callbacks.oracle.json", import.meta.url), "utf8")) as {
  answers: Array<Record<string, unknown>>;
  events: unknown[][];
};

afterEach(() => resetSettings());

it("fires module, LM and tool callbacks in DSPy 3.3.1's order, each end linked to its start by call id", async () => {
  const events: unknown[][] = [];
  const ids = new Map<string, number>();
  const id = (callId: string) => {
    if (!ids.has(callId)) ids.set(callId, ids.size);
    return ids.get(callId)!;
  };
  const recorder: Callback = {
    onModuleStart: (callId, instance) => events.push(["module_start", id(callId), instance.constructor.name.replace(/Impl$/, "")]),
    onModuleEnd: (callId, _outputs, error) => events.push(["module_end", id(callId), error !== null]),
    onLmStart: (callId) => events.push(["lm_start", id(callId)]),
    onLmEnd: (callId, _outputs, error) => events.push(["lm_end", id(callId), error !== null]),
    onToolStart: (callId, instance, inputs) => events.push(["tool_start", id(callId), (instance as Tool).name, inputs]),
    onToolEnd: (callId, outputs, error) => events.push(["tool_end", id(callId), error ? null : outputs, error !== null]),
  };
  const agent = new ReAct("question -> answer", { tools: [ORACLE_TOOLS.search!(), ORACLE_TOOLS.add!()] });
  await withSettings({ lm: new DummyLM(fixture.answers), callbacks: [recorder] }, () => agent.call({ question: "Q?" }));
  expect(pyJsonDumps(events)).toBe(pyJsonDumps(fixture.events));
});
