import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** Every change to the public surface shows up here in review (STYLE.md habit 10): one pinned list per entry point. */
const keysOf = async (load: () => Promise<Record<string, unknown>>) => Object.keys(await load()).sort();

describe("public surface", () => {
  it("tsdspy", async () => {
    expect(await keysOf(() => import("./index.js"))).toMatchInlineSnapshot(`
      [
        "AbortError",
        "Adapter",
        "AdapterParseError",
        "ArgumentTypeError",
        "ArtifactError",
        "ArtifactRegistry",
        "Audio",
        "BM25Retriever",
        "BaseLM",
        "BestOfN",
        "BootstrapFewShot",
        "BootstrapFewShotWithRandomSearch",
        "BootstrapRS",
        "Budget",
        "BudgetEstimateError",
        "BudgetExceededError",
        "COPRO",
        "ChainOfThought",
        "ChatAdapter",
        "Code",
        "CodeAct",
        "CodeExecutionError",
        "CodeInterpreterError",
        "CompleteAndGrounded",
        "Completions",
        "ContextWindowExceededError",
        "CustomType",
        "DEPENDENCY_VERSIONS",
        "DSPyError",
        "Document",
        "DspyGEPAResult",
        "EM",
        "Embedder",
        "Embeddings",
        "EmbeddingsWithScores",
        "Ensemble",
        "EnsembledProgram",
        "Evaluate",
        "EvaluationResult",
        "Example",
        "ExecutionCancelledError",
        "F1",
        "File",
        "FinalOutput",
        "GEPA",
        "GenerateEnhancedMultimodalInstructionFromFeedback",
        "History",
        "HotPotF1",
        "Image",
        "IndexError",
        "InputField",
        "JSONAdapter",
        "KNN",
        "KNNFewShot",
        "LM",
        "LMAuthError",
        "LMBillingError",
        "LMCache",
        "LMConfigurationError",
        "LMError",
        "LMInvalidRequestError",
        "LMNotConfiguredError",
        "LMProviderError",
        "LMRateLimitError",
        "LMServerError",
        "LMTimeoutError",
        "LMTransportError",
        "LMUnexpectedError",
        "LMUnsupportedFeatureError",
        "LMUnsupportedModelError",
        "LabeledFewShot",
        "LexicalEmbedder",
        "LlmCallLimitError",
        "MIPROv2",
        "McpToolError",
        "MetricError",
        "MissingArtifactError",
        "Module",
        "MultiChainComparison",
        "MultiModalInstructionProposer",
        "NO_CAPABILITIES",
        "OfferFeedback",
        "OutputField",
        "Parallel",
        "ParallelExecutor",
        "Predict",
        "Prediction",
        "PriceTable",
        "ProgramOfThought",
        "ProgramOfThoughtError",
        "ProjectError",
        "PythonInterpreter",
        "PythonSyntaxError",
        "PythonTypeError",
        "REPLHistory",
        "REPLVariable",
        "RLM",
        "ReAct",
        "ReActV2",
        "Reasoning",
        "RecursionError",
        "Refine",
        "Retrieve",
        "RunStateError",
        "SIMBA",
        "SemanticF1",
        "Signature",
        "SignatureError",
        "SplitLeakageError",
        "StateFileError",
        "StatusMessage",
        "StatusMessageProvider",
        "StreamListener",
        "StreamResponse",
        "Teleprompter",
        "Tool",
        "ToolCallResults",
        "ToolCalls",
        "ToolExecutionError",
        "TwoStepAdapter",
        "UsageTracker",
        "ValidationError",
        "ValueError",
        "XMLAdapter",
        "answerExactMatch",
        "answerPassageMatch",
        "assertDisjointSplits",
        "configure",
        "configureCache",
        "consoleLogger",
        "currentTrace",
        "defineConfig",
        "ensureSignature",
        "formatHistory",
        "getSettings",
        "globalHistory",
        "inferPrefix",
        "inspectHistory",
        "interpreterTools",
        "isModule",
        "isParameter",
        "isRetryableLMError",
        "jsonSchemaOf",
        "lmFromEnv",
        "loadArtifact",
        "majority",
        "mergeUsage",
        "normalizeText",
        "parseType",
        "precisionScore",
        "registerLMStateLoader",
        "registerProvider",
        "releaseDecision",
        "signature",
        "silentLogger",
        "sliceScores",
        "sortTypeFirst",
        "splitHash",
        "stateFileText",
        "streamify",
        "streamingResponse",
        "toReadableStream",
        "toSSEResponse",
        "trackUsage",
        "typeName",
        "withBudget",
        "withSettings",
        "withSignal",
        "withTrace",
        "writeArtifact",
      ]
    `);
  });

  it("tsdspy/testing", async () => {
    expect(await keysOf(() => import("./testing/index.js"))).toMatchInlineSnapshot(`
      [
        "DummyLM",
        "ManualClock",
        "resetSettings",
      ]
    `);
  });

  it("tsdspy/sim", async () => {
    expect(await keysOf(() => import("./sim/index.js"))).toMatchInlineSnapshot(`
      [
        "CUE_PATTERNS",
        "SIM_RULES",
        "SimLM",
        "SimulatorModel",
        "readCues",
        "readPrompt",
        "startSimServer",
      ]
    `);
  });

  it("tsdspy/python", async () => {
    expect(await keysOf(() => import("./python/index.js"))).toMatchInlineSnapshot(`
      [
        "NumpyGenerator",
        "PY_ELLIPSIS",
        "PickleInstance",
        "PyComplex",
        "PyDict",
        "PyFloat",
        "PyIntSet",
        "PyRef",
        "PyTuple",
        "PythonRandom",
        "jsonRepairLoads",
        "parsePyJson",
        "percentile",
        "pickleDumps",
        "pyFloat",
        "pyFloatRepr",
        "pyFormatFixed",
        "pyJsonDumps",
        "pyRepr",
        "pyRound",
        "pyStr",
        "pythonLiteralEval",
      ]
    `);
  });

  it("tsdspy/openai", async () => {
    expect(await keysOf(() => import("./providers/openai/index.js"))).toMatchInlineSnapshot(`
      [
        "OPENAI_BASE_URL",
        "OPENAI_CHAT_PARAMS",
        "OPENAI_COMPATIBLE_CAPABILITIES",
        "OpenAIChatModel",
        "OpenAIEmbeddingModel",
        "OpenAIEndpoint",
        "OpenAIResponsesModel",
        "isOpenAIReasoningModel",
        "mapOpenAIError",
        "openAICapabilities",
        "openAIProvider",
      ]
    `);
  });

  it("tsdspy/anthropic", async () => {
    expect(await keysOf(() => import("./providers/anthropic/index.js"))).toMatchInlineSnapshot(`
      [
        "ANTHROPIC_BASE_URL",
        "ANTHROPIC_VERSION",
        "AnthropicMessagesModel",
        "anthropicProvider",
        "mapAnthropicError",
      ]
    `);
  });

  it("tsdspy/gemini", async () => {
    expect(await keysOf(() => import("./providers/gemini/index.js"))).toMatchInlineSnapshot(`
      [
        "GEMINI_BASE_URL",
        "GeminiEmbeddingModel",
        "GeminiModel",
        "geminiProvider",
        "mapGeminiError",
      ]
    `);
  });

  it("tsdspy/ai-sdk", async () => {
    expect(await keysOf(() => import("./providers/ai-sdk/index.js"))).toMatchInlineSnapshot(`
      [
        "AISDKModel",
        "fromAISDK",
        "isAISDKLanguageModel",
      ]
    `);
  });

  it("tsdspy/otel", async () => {
    expect(await keysOf(() => import("./observability/index.js"))).toMatchInlineSnapshot(`
      [
        "OpenTelemetryCallback",
        "instrument",
      ]
    `);
  });

  it("every subpath of package.json is pinned above, and no entry point uses export *", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { exports: Record<string, { default: string }> };
    expect(Object.keys(pkg.exports).map((k) => (k === "." ? "tsdspy" : `tsdspy/${k.slice(2)}`))).toEqual([
      "tsdspy",
      "tsdspy/testing",
      "tsdspy/python",
      "tsdspy/sim",
      "tsdspy/openai",
      "tsdspy/anthropic",
      "tsdspy/gemini",
      "tsdspy/ai-sdk",
      "tsdspy/otel",
    ]);
    for (const conditions of Object.values(pkg.exports)) {
      const source = conditions.default.replace(/^\.\/dist\/(.*)\.js$/, "./src/$1.ts"); // the entry point's source
      const text = readFileSync(new URL(`../${source}`, import.meta.url), "utf8");
      expect(text, source).not.toMatch(/export\s+(type\s+)?\*/);
    }
  });
});
