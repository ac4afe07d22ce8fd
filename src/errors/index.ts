export { DSPyError } from "./dspy-error.js";
export { SignatureError } from "./signature-error.js";
export { ValueError } from "./value-error.js";
export { AdapterParseError, type AdapterParseErrorOptions } from "./adapter-parse-error.js";
export { BudgetExceededError, type BudgetSpent } from "./budget-exceeded-error.js";
export * from "./lm-errors.js";
export { PythonSyntaxError } from "./python-syntax-error.js";
export { PythonTypeError } from "./python-type-error.js";
