import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { ChatAdapter } from "../adapters/chat-adapter.js";
import { JSONAdapter } from "../adapters/json-adapter.js";
import { BaseLM, type LMForwardRequest } from "../clients/base-lm.js";
import { resetSettings, withSettings } from "../context/settings.js";
import type { Logger } from "../context/logger.js";
import type { LMCapabilities } from "../lm/lm-capabilities.js";
import type { LMResponse } from "../lm/lm-response.js";
import { parsePyJson } from "../python/py-json.js";
import { pyJsonDumps } from "../python/pyfmt.js";
import { signature } from "../signatures/signature.js";
import { DummyLM } from "../testing/dummy-lm.js";
import { Tool } from "../tools/tool.js";
import { ORACLE_TOOLS, withoutTracebacks } from "./__fixtures__/react-oracle-tools.js";
import { ReActV2 } from "./react-v2.js";

type Json = Record<string, any>;
const cases = parsePyJson(readFileSync(new URL("./__fixtures__/react-v2.oracle.json", import.meta.url), "utf8")) as Array<{ case: Json; expected: Json }>;

/** Answers with scripted text and provider tool calls; reports native function calling (make_react_v2_cases.py's NativeLM). */
class NativeLM extends BaseLM {
  private next = 0;
  constructor(private readonly replies: Json[]) {
    super("openai/native-dummy", { modelType: "chat", temperature: 0, maxTokens: 1000, cache: false });
  }
  override get capabilities(): LMCapabilities {
    return { supportsFunctionCalling: true, supportsReasoning: false, supportsResponseSchema: false, supportedParams: ["tools", "tool_choice"] };
  }
  protected async forward(_request: LMForwardRequest): Promise<LMResponse> {
    const reply = this.replies[this.next++] ?? { text: "No more responses" };
    const toolCalls = ((reply.tool_calls ?? []) as Json[]).map((c) => ({ ...(c.id ? { id: c.id } : {}), name: c.name, args: c.args }));
    return {
      outputs: [{ text: reply.text ?? null, ...(toolCalls.length ? { toolCalls } : {}), finishReason: toolCalls.length ? "tool_calls" : "stop" }],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    };
  }
}

function toolsFor(names: string[]): Tool[] {
  return names.map((name) => (name === "submit_tool" ? new Tool(() => null, { name: "submit" }) : ORACLE_TOOLS[name]!()));
}

afterEach(() => resetSettings());

describe("ReActV2 against DSPy 3.3.1 (oracle)", () => {
  for (const { case: c, expected } of cases) {
    it(c.id, async () => {
      const sig = c.instructions ? signature(c.signature, c.instructions) : signature(c.signature);
      let agent: InstanceType<typeof ReActV2>;
      try {
        agent = new ReActV2(sig, { tools: toolsFor(c.tools), maxIters: c.max_iters ?? 20 });
      } catch (error) {
        expect({ type: (error as Error).name, message: (error as Error).message }).toEqual(expected.error);
        return;
      }
      expect(agent.react.signature.instructions).toBe(expected.instructions);
      const native = Boolean(c.native);
      const Adapter = c.adapter === "json" ? JSONAdapter : ChatAdapter;
      const adapter = new Adapter({ useNativeFunctionCalling: native });
      const lm = native ? new NativeLM(c.answers) : new DummyLM(c.answers, { adapter: new Adapter() });
      const warnings: string[] = [];
      const logger: Logger = { debug() {}, info() {}, error() {}, warn: (m) => warnings.push(m) };
      let outcome: Json;
      try {
        const pred = await withSettings({ lm, adapter, logger }, () => agent.call(c.inputs));
        const { history, ...rest } = pred.toDict();
        const messages = (history as { messages: Json[] }).messages.map((m) =>
          Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v?.toPyJson === "function" ? v.toPyJson() : v])),
        );
        outcome = { prediction: pyJsonDumps(rest), history: JSON.parse(pyJsonDumps(messages)) };
      } catch (error) {
        outcome = { error: { type: (error as Error).name, message: (error as Error).message } };
      }
      const calls = lm.history.map((h) => ({ messages: h.messages, tools: h.kwargs.tools ?? null, tool_choice: h.kwargs.tool_choice ?? null }));
      expect(JSON.parse(JSON.stringify(calls))).toEqual(withoutTracebacks(expected.lm_calls));
      if (expected.error) expect(outcome).toEqual({ error: expected.error });
      else expect(outcome).toEqual({ prediction: pyJsonDumps(expected.prediction), history: withoutTracebacks(expected.history) });
      expect(warnings).toEqual(withoutTracebacks(expected.warnings));
    });
  }
});
