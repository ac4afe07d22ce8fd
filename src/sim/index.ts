export { SimulatorModel, type SimulatorModelOptions } from "./simulator-model.js";
export { startSimServer, type SimServer, type SimServerOptions } from "./sim-server.js";
export { readPrompt } from "./read-prompt.js";
export type { SimDemo, SimField, SimFieldKind, SimPrompt, SimReplyFormat, SimValue } from "./sim-prompt.js";
export { CUE_PATTERNS, readCues, type InstructionCues } from "./instruction-cues.js";
export { SimLM, type SimLMOptions } from "./sim-lm.js";
export { SIM_RULES, type SimRule } from "./sim-rules.js";
