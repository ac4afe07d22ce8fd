export { DSPyError } from "./dspy-error.js";
export { SignatureError } from "./signature-error.js";
export { ValueError } from "./value-error.js";
export { AdapterParseError, type AdapterParseErrorOptions } from "./adapter-parse-error.js";
export { ValidationError, type ValidationIssue } from "./validation-error.js";
export { BudgetExceededError, type BudgetSpent } from "./budget-exceeded-error.js";
export {
  LMError,
  LMTransportError,
  LMConfigurationError,
  LMNotConfiguredError,
  LMUnsupportedFeatureError,
  LMProviderError,
  LMUnexpectedError,
  LMAuthError,
  LMBillingError,
  LMRateLimitError,
  LMInvalidRequestError,
  ContextWindowExceededError,
  LMUnsupportedModelError,
  LMTimeoutError,
  LMServerError,
  isRetryableLMError,
  type LMErrorDetails,
} from "./lm-errors.js";
export { ArgumentTypeError } from "./argument-type-error.js";
export { IndexError } from "./index-error.js";
export { ExecutionCancelledError } from "./execution-cancelled-error.js";
export { PythonSyntaxError } from "./python-syntax-error.js";
export { PythonTypeError } from "./python-type-error.js";
