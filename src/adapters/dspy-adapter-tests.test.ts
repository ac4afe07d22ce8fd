import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { adapterFromCase } from "../../fixtures/oracle/adapter-replay.js";
import { signatureFromCase, valueFromCase } from "../../fixtures/oracle/from-case.js";
import type { LMLike } from "../lm/lm-like.js";
import { parsePyJson } from "../python/py-json.js";
import { pyJsonDumps } from "../python/pyfmt.js";

/**
 * Replays every `format_messages_and_lm_kwargs` call of DSPy 3.3.1's tests/adapters/test_{chat,json,xml}_adapter.py
 * (the exact-message tests and the native tool/reasoning ones): same adapter, signature, demos, inputs, LM
 * capabilities and call kwargs; expects the adapter's exact messages and LM kwargs as DSPy produced them before its
 * LM-boundary normalization (the tests assert the normalized form, also recorded in the fixture).
 * Regenerate with __fixtures__/make-dspy-adapter-scenarios.py.
 */

interface Scenario {
  test: string;
  /** The adapter's output before DSPy's LM request normalization (what tsdspy adapters produce). */
  adapter_messages: unknown;
  adapter_lm_kwargs: unknown;
  /** What reached the LM after normalization (for LM client tests). */
  lm_messages: unknown;
  lm_kwargs: unknown;
  unsupported?: string;
  scenario?: {
    adapter: string;
    adapter_options: Record<string, unknown>;
    signature: unknown;
    demos: unknown[];
    inputs: unknown;
    lm_kwargs: Record<string, unknown>;
    lm: {
      model: string;
      model_type: "chat" | "text" | "responses";
      kwargs: Record<string, unknown>;
      supports_function_calling: boolean;
      supports_reasoning: boolean;
      supports_response_schema: boolean;
      supported_params: string[];
    };
  };
}

const here = dirname(fileURLToPath(import.meta.url));
const scenarios = parsePyJson(readFileSync(join(here, "__fixtures__/dspy-adapter-scenarios.json"), "utf8")) as Scenario[];

/** DSPy tests tsdspy does not replay, with the reason. */
const NOT_REPLAYED: Record<string, string> = {
  "test_chat_adapter::test_chat_adapter_format_exact_messages_kitchen_sink": "user-defined dspy.Type subclass (Event) as a field type",
  "test_chat_adapter::test_chat_adapter_format_exact_messages_with_base_custom_type_input": "user-defined dspy.Type subclass (Event) as a field type",
  "test_chat_adapter::test_chat_adapter_format_exact_messages_with_citations_output_demo": "dspy.experimental.Citations values are not implemented",
};

function fakeLM(spec: NonNullable<Scenario["scenario"]>["lm"]): LMLike {
  return {
    model: spec.model,
    modelType: spec.model_type,
    kwargs: valueFromCase(spec.kwargs) as Record<string, unknown>,
    capabilities: {
      supportsFunctionCalling: spec.supports_function_calling,
      supportsReasoning: spec.supports_reasoning,
      supportsResponseSchema: spec.supports_response_schema,
      supportedParams: spec.supported_params,
    },
    history: [],
    call: () => Promise.reject(new Error("not called in format tests")),
    copy() {
      return this;
    },
    dumpState: () => ({}),
  };
}

describe("DSPy's own adapter tests (exact messages and LM kwargs)", () => {
  it("lists every scenario it does not replay", () => {
    expect(scenarios.filter((s) => s.unsupported).map((s) => s.test).sort()).toEqual(Object.keys(NOT_REPLAYED).sort());
  });

  for (const s of scenarios) {
    if (!s.scenario) continue;
    const scenario = s.scenario;
    it(s.test, () => {
      const signature = signatureFromCase(scenario.signature);
      const adapter = adapterFromCase(scenario.adapter.replace(/Adapter$/, ""), scenario.adapter_options);
      const inputs = valueFromCase(scenario.inputs) as Record<string, unknown>;
      const demos = scenario.demos.map((d) => valueFromCase(d) as Record<string, unknown>);
      const [plan] = adapter.callPlans(signature, fakeLM(scenario.lm), valueFromCase(scenario.lm_kwargs) as Record<string, unknown>, inputs);
      const messages = plan!.adapter.format(plan!.signature, demos, inputs);
      expect(pyJsonDumps(messages, { ensureAscii: false, indent: 1 })).toBe(pyJsonDumps(s.adapter_messages, { ensureAscii: false, indent: 1 }));
      expect(pyJsonDumps(plan!.params, { ensureAscii: false, indent: 1 })).toBe(pyJsonDumps(s.adapter_lm_kwargs, { ensureAscii: false, indent: 1 }));
    });
  }
});
