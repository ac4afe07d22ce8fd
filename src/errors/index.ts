export { DSPyError } from "./dspy-error.js";
export { SignatureError } from "./signature-error.js";
export { ValueError } from "./value-error.js";
export { AdapterParseError, type AdapterParseErrorOptions } from "./adapter-parse-error.js";
export { BudgetExceededError, type BudgetSpent } from "./budget-exceeded-error.js";
export * from "./lm-errors.js";
export { ArgumentTypeError } from "./argument-type-error.js";
export { IndexError } from "./index-error.js";
export { ExecutionCancelledError } from "./execution-cancelled-error.js";
