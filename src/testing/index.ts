export { DummyLM, type DummyLMOptions } from "./dummy-lm.js";
export { ManualClock } from "./manual-clock.js";
export { resetSettings } from "./reset-settings.js";
