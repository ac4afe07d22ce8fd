// The built-in providers join the registry (their code loads with the first LM of each provider).
import "./providers/builtin-providers.js";

// Errors
export { DSPyError } from "./errors/dspy-error.js";
export { SignatureError } from "./errors/signature-error.js";
export { ValueError } from "./errors/value-error.js";
export { AdapterParseError, type AdapterParseErrorOptions } from "./errors/adapter-parse-error.js";
export { ValidationError, type ValidationIssue } from "./errors/validation-error.js";
export { BudgetExceededError, type BudgetLimitName, type BudgetShortfall, type BudgetSpent } from "./errors/budget-exceeded-error.js";
export { BudgetEstimateError } from "./errors/budget-estimate-error.js";
export { ArgumentTypeError } from "./errors/argument-type-error.js";
export { IndexError } from "./errors/index-error.js";
export { ExecutionCancelledError } from "./errors/execution-cancelled-error.js";
export { AbortError } from "./errors/abort-error.js";
export { RunStateError } from "./errors/run-state-error.js";
export { ProjectError } from "./errors/project-error.js";
export { MetricError } from "./errors/metric-error.js";
export { PythonSyntaxError } from "./errors/python-syntax-error.js";
export { PythonTypeError } from "./errors/python-type-error.js";
export { RecursionError } from "./errors/recursion-error.js";
export { McpToolError } from "./errors/mcp-tool-error.js";
export { ToolExecutionError } from "./errors/tool-execution-error.js";
export { StateFileError } from "./errors/state-file-error.js";
export { CodeInterpreterError } from "./errors/code-interpreter-error.js";
export { CodeExecutionError } from "./errors/code-execution-error.js";
export { ProgramOfThoughtError } from "./errors/program-of-thought-error.js";
export { LlmCallLimitError } from "./errors/llm-call-limit-error.js";
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
} from "./errors/lm-errors.js";

// The LM boundary
export {
  NO_CAPABILITIES,
  type ContentPart,
  type Message,
  type MessageToolCall,
  type LMUsage,
  type LMOutput,
  type LMResponse,
  type LMToolCall,
  type LMParams,
  type LMRequest,
  type LMRequestParams,
  type LMCopyOverrides,
  type LMCapabilities,
  type LMStreamPart,
  type EmbeddingModel,
  type LanguageModel,
  type HistoryEntry,
  type LMCallOptions,
  type LMLike,
  type ResponseCache,
  type ProviderFactory,
  type ProviderModelSettings,
  type ProviderRegistration,
} from "./lm/index.js";
export { registerProvider } from "./clients/provider-registry.js";
export { registerLMStateLoader, type LMStateLoader, type LMStateOptions } from "./context/lm-state-loaders.js";
export { BaseLM, type BaseLMOptions, type LMForwardRequest } from "./clients/base-lm.js";
export { LM, type LMOptions } from "./clients/lm.js";
export { lmFromEnv } from "./clients/lm-from-env.js";
export { Embedder, type EmbedderOptions } from "./clients/embedder.js";
export { configureCache } from "./clients/cache/configure-cache.js";
export { LMCache, type CacheOptions } from "./clients/cache/lm-cache.js";
export { PriceTable } from "./clients/pricing.js";
export type { ModelPrice } from "./clients/model-price.js";

// Signatures
export { signature, ensureSignature, Signature, type SignatureSpec, type SignatureState } from "./signatures/signature.js";
export { InputField, OutputField, type Field, type FieldInput, type FieldSpec } from "./signatures/field.js";
export { inferPrefix } from "./signatures/infer-prefix.js";
export { parseType, type TypeRegistry } from "./signatures/parse-type.js";
export { typeName } from "./signatures/type-name.js";
export { jsonSchemaOf, sortTypeFirst, type JsonSchema } from "./signatures/json-schema.js";
export type { TypeNode, ModelType, ModelField, Constraints } from "./signatures/type-node.js";
export type { StandardSchemaV1 } from "./signatures/standard-schema.js";
export type { PyType, ParseSignature } from "./signatures/infer-types.js";

// Adapters
export { Adapter, type CallPlan, type AdapterOptions } from "./adapters/adapter.js";
export type { UserMessageOptions } from "./adapters/adapter-types.js";
export { ChatAdapter, type ChatAdapterOptions } from "./adapters/chat-adapter.js";
export { JSONAdapter } from "./adapters/json-adapter.js";
export { XMLAdapter } from "./adapters/xml-adapter.js";
export { TwoStepAdapter } from "./adapters/two-step-adapter.js";
export { CustomType } from "./adapters/types/custom-type.js";
export { Image } from "./adapters/types/image.js";
export { Audio, File, Document } from "./adapters/types/media.js";
export { History } from "./adapters/types/history.js";
export { REPLHistory, type REPLEntry } from "./adapters/types/repl-history.js";
export { REPLVariable } from "./adapters/types/repl-variable.js";
export { Reasoning } from "./adapters/types/reasoning.js";
export { Code } from "./adapters/types/code.js";
export { Tool, type ToolFunction, type ToolOptions } from "./tools/tool.js";
export { ToolCallResults, type ToolCallResult } from "./adapters/types/tool-call-results.js";
export { ToolCalls, type ToolCall } from "./adapters/types/tool-calls.js";

// Modules
export { Predict, type PredictCallOptions, type Demo } from "./predict/predict.js";
export type { PredictConfig } from "./predict/predict-config.js";
export { ChainOfThought, type ChainOfThoughtOptions } from "./predict/chain-of-thought.js";
export { ReAct, type ReActOptions, type ReActCallOptions } from "./predict/react.js";
export type { Trajectory } from "./predict/react-trajectory.js";
export { ReActV2, type TerminationReason } from "./predict/react-v2.js";
export { BestOfN, type BestOfNOptions } from "./predict/best-of-n.js";
export { Refine, type RefineOptions } from "./predict/refine.js";
export { OfferFeedback } from "./predict/offer-feedback.js";
export { ProgramOfThought, type ProgramOfThoughtOptions, type ProgramOfThoughtCallOptions } from "./predict/program-of-thought.js";
export { CodeAct, type CodeActOptions, type CodeActCallOptions } from "./predict/code-act.js";
export { RLM, type RLMOptions, type RLMCallOptions, type RLMStep } from "./predict/rlm.js";
export { interpreterTools } from "./predict/interpreter-tools.js";
export { FinalOutput, type CodeInterpreter, type InterpreterTool, type InterpreterToolParameter, type SubmitField } from "./interpreters/code-interpreter.js";
export { PythonInterpreter, type PythonInterpreterOptions } from "./interpreters/pyodide/python-interpreter.js";
export type { RewardFn } from "./predict/rollout-lm.js";
export { MultiChainComparison, type MultiChainComparisonOptions, type Completion } from "./predict/multi-chain-comparison.js";

// Settings, tracing, usage
export { configure, getSettings, withSettings, globalHistory, type Settings } from "./context/settings.js";
export { UsageTracker, mergeUsage } from "./context/usage-tracker.js";
export { trackUsage } from "./context/track-usage.js";
export { Budget, type BudgetLimits } from "./context/budget.js";
export { withBudget } from "./context/with-budget.js";
export type { Callback, OptimizerTrial } from "./context/callback.js";
export { withSignal } from "./context/with-signal.js";
export { consoleLogger, silentLogger, type Logger } from "./context/logger.js";
export type { TraceEntry } from "./context/trace-entry.js";
export { withTrace, currentTrace, type Traced } from "./context/with-trace.js";
export { formatHistory } from "./context/format-history.js";
export { inspectHistory } from "./context/inspect-history.js";

// Primitives
export { Example, type ExampleConstructor } from "./primitives/example.js";
export { Prediction, Completions, type PredictionConstructor } from "./primitives/prediction.js";
export { Module, isModule, type BatchOptions, type BatchResult, type CallOptions, type ModuleCallOptions, type ModuleInputs, type ModuleOutput, type SignalOption } from "./primitives/module.js";
export { isParameter, type Parameter, type LoadStateOptions } from "./primitives/parameter.js";
export { DEPENDENCY_VERSIONS, stateFileText } from "./primitives/state-file.js";

// Evaluation
export { Evaluate, type EvaluateOptions, type EvaluateCallOptions } from "./evaluate/evaluate.js";
export { EvaluationResult, type EvaluationRow } from "./evaluate/evaluation-result.js";
export type { Metric, MetricScore, Program, ProgramOutput } from "./evaluate/metric.js";
export { normalizeText } from "./evaluate/metrics/normalize-text.js";
export { EM } from "./evaluate/metrics/em.js";
export { F1 } from "./evaluate/metrics/f1.js";
export { HotPotF1 } from "./evaluate/metrics/hotpot-f1.js";
export { precisionScore } from "./evaluate/metrics/precision-score.js";
export { answerExactMatch } from "./evaluate/metrics/answer-exact-match.js";
export { answerPassageMatch } from "./evaluate/metrics/answer-passage-match.js";
export { SemanticF1, type JudgeInputs } from "./judges/semantic-f1.js";
export { CompleteAndGrounded } from "./judges/complete-and-grounded.js";
export { Parallel, type ParallelOptions, type ParallelResult, type ExecPair } from "./predict/parallel.js";
export { ParallelExecutor, type ParallelExecutorOptions } from "./utils/parallel-executor.js";
export type { ProgressStream } from "./utils/progress-bar.js";

// Optimizers
export { Teleprompter, type CompileOptions } from "./optimizers/teleprompter.js";
export type { OptimizerBudget } from "./optimizers/run/optimizer-budget.js";
export type { RunOptions } from "./optimizers/run/run-options.js";
export type { RunReport, RunExhaustion, WithRunReport } from "./optimizers/run/run-report.js";
export type { RunSpent } from "./optimizers/run/run-spent.js";
export type { TrialRecord } from "./optimizers/run/trial-record.js";
export { LabeledFewShot, type LabeledFewShotOptions, type LabeledFewShotCompileOptions } from "./optimizers/labeled-few-shot/labeled-few-shot.js";
export { BootstrapFewShot, type BootstrapFewShotOptions } from "./optimizers/bootstrap-few-shot/bootstrap-few-shot.js";
export {
  BootstrapFewShotWithRandomSearch,
  BootstrapRS,
  type BootstrapFewShotWithRandomSearchOptions,
  type RandomSearchCompileOptions,
  type CandidateProgram,
  type RandomSearchResult,
} from "./optimizers/random-search/bootstrap-few-shot-with-random-search.js";
export { MIPROv2, type MIPROv2Options, type MIPROv2CompileOptions, type MIPROv2Result } from "./optimizers/mipro-v2/mipro-v2.js";
export { COPRO, type COPROOptions, type COPROCompileOptions, type COPROCandidate, type COPROResult, type COPROEvalKwargs } from "./optimizers/copro/copro.js";
export { KNNFewShot, type KNNFewShotOptions, type KNNFewShotCompileOptions } from "./optimizers/knn-few-shot/knn-few-shot.js";
export { GEPA, type GEPAOptions, type GEPACompileOptions, type GEPAProgram } from "./optimizers/gepa/gepa.js";
export { DspyGEPAResult } from "./optimizers/gepa/dspy-gepa-result.js";
export type { GEPAFeedbackMetric, ScoreWithFeedback, FeedbackMetricResult } from "./optimizers/gepa/feedback-metric.js";
export type { Candidate, ProposalFn, ReflectiveDataset, ReflectiveRecord } from "./optimizers/gepa/gepa-adapter.js";
export type { ComponentSelector } from "./optimizers/gepa/component-selectors.js";
export type { CandidateSelector } from "./optimizers/gepa/candidate-selectors.js";
export type { GEPAState, FrontierType } from "./optimizers/gepa/gepa-state.js";
export type { GEPAIterationRecord } from "./optimizers/gepa/gepa-engine.js";
export { MultiModalInstructionProposer, GenerateEnhancedMultimodalInstructionFromFeedback } from "./optimizers/gepa/multimodal-instruction-proposer.js";
export { SIMBA, type SIMBAOptions, type SIMBACompileOptions, type SIMBAProgram, type SimbaCandidate } from "./optimizers/simba/simba.js";
export { Ensemble, EnsembledProgram, type EnsembleOptions, type ReduceFn } from "./optimizers/ensemble/ensemble.js";
export { KNN, type Vectorizer } from "./predict/knn.js";
export { majority, type MajorityOptions } from "./predict/aggregation.js";
export { LexicalEmbedder, type LexicalEmbedderOptions } from "./retrievers/lexical-embedder.js";
export { Embeddings, type EmbeddingsOptions, type EmbedderLike, type SearchResult } from "./retrievers/embeddings.js";
export { EmbeddingsWithScores } from "./retrievers/embeddings-with-scores.js";
export { BM25Retriever, type BM25Options } from "./retrievers/bm25-retriever.js";
export { Retrieve } from "./retrievers/retrieve.js";
export type { Retriever, Passage } from "./retrievers/retriever.js";

// Release discipline
export { assertDisjointSplits } from "./release/assert-disjoint-splits.js";
export { SplitLeakageError } from "./release/split-leakage-error.js";
export { releaseDecision, type ReleaseDecision, type SliceScores } from "./release/release-gates.js";
export { ArtifactRegistry, MissingArtifactError } from "./release/artifact-registry.js";
export { writeArtifact, loadArtifact, ArtifactError, type ArtifactManifest } from "./release/artifact.js";
export { sliceScores, type SliceSummary } from "./release/slice-scores.js";
export { splitHash } from "./release/split-hash.js";

// Streaming
export { streamify, type StreamifyOptions, type StreamableProgram, type StreamValue } from "./streaming/streamify.js";
export { StreamListener, type StreamListenerOptions } from "./streaming/stream-listener.js";
export { StreamResponse } from "./streaming/stream-response.js";
export { StatusMessage } from "./streaming/status-message.js";
export { StatusMessageProvider } from "./streaming/status-message-provider.js";
export { streamingResponse } from "./streaming/streaming-response.js";
export { toReadableStream } from "./streaming/to-readable-stream.js";
export { toSSEResponse } from "./streaming/to-sse-response.js";

// The project file of the `tsdspy` command (types only at runtime: the CLI itself is not imported here)
export {
  defineConfig,
  type ProjectConfig,
  type ProgramSource,
  type DatasetSource,
  type SplitSpec,
  type OptimizerSpec,
  type OptimizerName,
  type BudgetSpec,
  type ProjectMetric,
} from "./cli/project/define-config.js";
