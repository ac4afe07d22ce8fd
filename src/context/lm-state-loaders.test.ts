import { describe, expect, it } from "vitest";
import { LMConfigurationError } from "../errors/lm-errors.js";
import { ValueError } from "../errors/value-error.js";
import type { LMLike } from "../lm/lm-like.js";
import { DSPY_LM_CLASS, loadLMState, registerLMStateLoader } from "./lm-state-loaders.js";

// This file imports no LM class: only what it registers itself can load.
const fakeLM = (state: Record<string, unknown>) => ({ model: String(state.model), state }) as unknown as LMLike & { state: Record<string, unknown> };
const quiet = { warn() {} };

describe("loadLMState", () => {
  it("says what to import when no LM class is registered for DSPy's LM states", () => {
    expect(() => loadLMState({ _dspy_lm_class: DSPY_LM_CLASS, model: "openai/x" })).toThrow(LMConfigurationError);
    expect(() => loadLMState({ model: "openai/x" })).toThrow('import { LM } from "tsdspy"');
  });

  it("builds registered classes, after dropping the class marker and (untrusted) unsafe keys", () => {
    registerLMStateLoader(DSPY_LM_CLASS, (state) => fakeLM(state));
    const warnings: string[] = [];
    const loaded = loadLMState({ _dspy_lm_class: DSPY_LM_CLASS, model: "m", api_base: "http://evil" }, { logger: { warn: (m) => void warnings.push(m) } }) as ReturnType<typeof fakeLM>;
    expect(loaded.state).toEqual({ model: "m" });
    expect(warnings).toEqual([
      "Ignoring unsafe LM config key(s) during state load: ['api_base']. Pass allowUnsafeLmState: true to preserve these keys for trusted files.",
    ]);
    expect((loadLMState({ model: "m", api_base: "http://ok" }, { allowUnsafeLmState: true }) as ReturnType<typeof fakeLM>).state).toEqual({ model: "m", api_base: "http://ok" });
  });

  it("refuses custom classes unless trusted, then uses lmClasses or a registered loader", () => {
    const state = { _dspy_lm_class: "my_pkg.MyLM", model: "mine" };
    expect(() => loadLMState(state, { logger: quiet })).toThrow(ValueError);
    expect(() => loadLMState(state, { allowUnsafeLmState: true })).toThrow("Could not load serialized LM class `my_pkg.MyLM`");
    const viaOption = loadLMState(state, { allowUnsafeLmState: true, lmClasses: { "my_pkg.MyLM": { loadState: (s) => fakeLM({ ...s, via: "option" }) } } });
    expect((viaOption as ReturnType<typeof fakeLM>).state).toEqual({ model: "mine", via: "option" });
    registerLMStateLoader("my_pkg.MyLM", (s) => fakeLM({ ...s, via: "registry" }));
    expect((loadLMState(state, { allowUnsafeLmState: true }) as ReturnType<typeof fakeLM>).state).toEqual({ model: "mine", via: "registry" });
  });
});
