import { afterEach, describe, expect, it } from "vitest";
import { resetSettings, withSettings } from "../context/settings.js";
import { UsageTracker } from "../context/usage-tracker.js";
import { ALL_POLICIES, supportMessages, TICKETS } from "./__fixtures__/support-task.js";
import { SimLM } from "./sim-lm.js";
import { SimulatorModel } from "./simulator-model.js";

afterEach(() => resetSettings());

const demos = [0, 3, 6, 9].map((i) => ({ context: ALL_POLICIES, ticket: TICKETS[i]!.ticket, resolution: TICKETS[i]!.resolution }));
const messages = supportMessages({ demos, query: { context: ALL_POLICIES, ticket: TICKETS[5]!.ticket } });

describe("SimLM", () => {
  it("answers like SimulatorModel and records history and usage through BaseLM", async () => {
    const lm = new SimLM();
    expect(lm.model).toBe("sim/tsdspy-sim-1");
    expect(lm.capabilities.supportsResponseSchema).toBe(true);
    const tracker = new UsageTracker();
    const outputs = await withSettings({ usageTracker: tracker }, () => lm.call(messages));
    const direct = await new SimulatorModel().doGenerate({ model: "tsdspy-sim-1", messages, params: {} });
    expect(outputs).toEqual(direct.outputs);
    expect(outputs[0]!.text).toContain("Per the refund policy, your refund arrives within 7 days.");
    expect(lm.history).toHaveLength(1);
    expect(lm.history[0]).toMatchObject({ model: "sim/tsdspy-sim-1", response_model: "tsdspy-sim-1", cost: 0 });
    expect(tracker.getTotalTokens()["sim/tsdspy-sim-1"]!.total_tokens).toBe(direct.usage.total_tokens);
    expect(lm.dumpState()).toMatchObject({ _dspy_lm_class: "tsdspy.SimLM", model: "sim/tsdspy-sim-1" });
  });

  it("passes rollout_id and temperature through, so copies for bootstrapping rounds sample differently", async () => {
    const lm = new SimLM({ temperature: 0 });
    const base = (await lm.call(messages))[0]!.text;
    expect((await lm.copy({ rollout_id: 1 }).call(messages))[0]!.text).toBe(base);
    const texts = new Set<string | null>();
    for (let r = 1; r <= 12; r++) texts.add((await lm.copy({ rollout_id: r, temperature: 1.0 }).call(messages))[0]!.text);
    expect(texts.size).toBeGreaterThan(1);
  });
});
