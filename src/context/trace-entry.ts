/**
 * One predictor call recorded while a trace is active: `[predictor, inputs, prediction]`, as DSPy records it.
 * Optimizers turn the entries of successful runs into demos.
 */
export type TraceEntry = readonly [predictor: object, inputs: Record<string, unknown>, prediction: object];
