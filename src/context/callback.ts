/**
 * Instrumentation hooks (DSPy's `BaseCallback`). Every method is optional; `callId` pairs a start with its end.
 * Hooks must not throw; an exception in a hook is logged and ignored.
 */
export interface Callback {
  onModuleStart?(callId: string, instance: object, inputs: Record<string, unknown>): void;
  onModuleEnd?(callId: string, outputs: unknown, error: unknown | null): void;
  onLmStart?(callId: string, instance: object, inputs: Record<string, unknown>): void;
  onLmEnd?(callId: string, outputs: unknown, error: unknown | null): void;
  onAdapterFormatStart?(callId: string, instance: object, inputs: Record<string, unknown>): void;
  onAdapterFormatEnd?(callId: string, outputs: unknown, error: unknown | null): void;
  onAdapterParseStart?(callId: string, instance: object, inputs: Record<string, unknown>): void;
  onAdapterParseEnd?(callId: string, outputs: unknown, error: unknown | null): void;
  onToolStart?(callId: string, instance: object, inputs: Record<string, unknown>): void;
  onToolEnd?(callId: string, outputs: unknown, error: unknown | null): void;
  onEvaluateStart?(callId: string, instance: object, inputs: Record<string, unknown>): void;
  onEvaluateEnd?(callId: string, outputs: unknown, error: unknown | null): void;
  onCompileStart?(callId: string, instance: object, inputs: Record<string, unknown>): void;
  onCompileEnd?(callId: string, outputs: unknown, error: unknown | null): void;
}
