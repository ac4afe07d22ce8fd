export * from "./errors/index.js";
export type * from "./lm/index.js";
export { NO_CAPABILITIES } from "./lm/index.js";
export { PyFloat, pyFloat } from "./utils/py-float.js";
