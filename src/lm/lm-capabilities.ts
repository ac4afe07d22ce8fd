/** What a model supports; JSONAdapter and Predict read these instead of litellm's tables. */
export interface LMCapabilities {
  /** Strict `response_format: {type: "json_schema"}` structured outputs. */
  supportsResponseSchema: boolean;
  /** Native function/tool calling. */
  supportsFunctionCalling: boolean;
  /** Native reasoning (`reasoning_effort`, separate reasoning content). */
  supportsReasoning: boolean;
  /** Request parameters the model accepts (`"response_format"`, `"tools"`, `"temperature"`, …). */
  supportedParams: readonly string[];
}

/** Capabilities of a model nothing is known about: plain text in, plain text out. */
export const NO_CAPABILITIES: LMCapabilities = Object.freeze({
  supportsResponseSchema: false,
  supportsFunctionCalling: false,
  supportsReasoning: false,
  supportedParams: Object.freeze([]) as readonly string[],
});
