import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { ChatAdapter } from "../adapters/chat-adapter.js";
import { JSONAdapter } from "../adapters/json-adapter.js";
import { XMLAdapter } from "../adapters/xml-adapter.js";
import { resetSettings, withSettings } from "../context/settings.js";
import type { Logger } from "../context/logger.js";
import { parsePyJson } from "../python/py-json.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import { signature } from "../signatures/signature.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { ORACLE_TOOLS, WindowLM, withoutTracebacks } from "./__fixtures__/react-oracle-tools.js";
import { ReAct } from "./react.js";

interface ReactCase {
  case: {
    id: string;
    signature: string;
    instructions?: string;
    tools: string[];
    inputs: Record<string, unknown>;
    answers: Array<Record<string, unknown>>;
    max_iters?: number;
    adapter?: "chat" | "json" | "xml";
    limit?: number;
  };
  expected: {
    trajectory?: Record<string, unknown>;
    prediction?: Record<string, unknown>;
    error?: { type: string; message: string };
    lm_calls: unknown[];
    warnings: string[];
    react_instructions: string;
    extract_instructions: string;
    tools: Array<{ name: string; str: string; args: unknown; function: unknown }>;
  };
}

const cases = parsePyJson(readFileSync(new URL("./__fixtures__/react.oracle.json", import.meta.url), "utf8")) as ReactCase[];
const ADAPTERS = { chat: () => new ChatAdapter(), json: () => new JSONAdapter(), xml: () => new XMLAdapter() };

afterEach(() => resetSettings());

/**
 * Replays DSPy 3.3.1's ReAct on the cases of make_react_cases.py: the same tools, prompts (every LM call's
 * messages), trajectory, prediction, warnings and errors. Python tracebacks are compared by their last line.
 */
describe("ReAct against DSPy 3.3.1 (oracle)", () => {
  it("has the fixed and random cases", () => expect(cases.length).toBeGreaterThanOrEqual(45));
  for (const { case: c, expected } of cases) {
    it(c.id, async () => {
      const sig = c.instructions ? signature(c.signature, c.instructions) : signature(c.signature);
      const agent = new ReAct(sig, { tools: c.tools.map((name) => ORACLE_TOOLS[name]!()), maxIters: c.max_iters ?? 20 });
      expect(agent.react.signature.instructions).toBe(expected.react_instructions);
      expect(agent.extract.predict.signature.instructions).toBe(expected.extract_instructions);
      expect([...agent.tools.values()].map((t) => ({ name: t.name, str: t.toString(), args: pyJsonDumps(t.args), function: pyJsonDumps(t.formatAsFunctionCall()) }))).toEqual(
        expected.tools.map((t) => ({ name: t.name, str: t.str, args: pyJsonDumps(t.args), function: pyJsonDumps(t.function) })),
      );
      const adapter = ADAPTERS[c.adapter ?? "chat"]();
      const lm = c.limit !== undefined ? new WindowLM(c.answers, c.limit, { adapter }) : new DummyLM(c.answers, { adapter });
      const warnings: string[] = [];
      const logger: Logger = { debug() {}, info() {}, error() {}, warn: (m) => warnings.push(m) };
      let outcome: { trajectory?: string; prediction?: string; error?: { type: string; message: string } };
      try {
        const pred = await withSettings({ lm, adapter, logger }, () => agent.call(c.inputs));
        const { trajectory, ...rest } = pred.toDict();
        outcome = { trajectory: pyJsonDumps(trajectory), prediction: pyJsonDumps(rest) };
      } catch (error) {
        outcome = { error: { type: (error as Error).name, message: (error as Error).message } };
      }
      expect(lm.history.map((h) => h.messages)).toEqual(withoutTracebacks(expected.lm_calls));
      if (expected.error) expect(outcome).toEqual({ error: expected.error });
      else expect(outcome).toEqual({ trajectory: pyJsonDumps(withoutTracebacks(expected.trajectory)), prediction: pyJsonDumps(expected.prediction) });
      expect(warnings).toEqual(withoutTracebacks(expected.warnings));
    });
  }
});
