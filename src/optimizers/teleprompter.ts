import { randomUUID } from "node:crypto";
import type { Callback } from "../context/callback.js";
import { fireCallbacks } from "../context/fire-callbacks.js";
import { getSettings, withSettings } from "../context/settings.js";
import { activeSignal, withSignal } from "../context/with-signal.js";
import { AbortError } from "../errors/abort-error.js";
import type { Example } from "../primitives/example.js";
import type { Module, SignalOption } from "../primitives/module.js";

/** What most optimizers' `compile` takes besides the student (DSPy's keyword arguments). */
export interface CompileOptions {
  trainset: Example[];
  /** A program with the student's structure that runs the bootstrapping (default: a copy of the student). */
  teacher?: Module | null;
  valset?: Example[] | null;
}

/**
 * Base class of optimizers (DSPy's `Teleprompter`). `compile(student, options)` returns a new, optimized program
 * and never changes the student; subclasses implement `doCompile`. Callbacks (settings' and the optimizer's own)
 * get `onCompileStart` / `onCompileEnd` around every compile.
 *
 * @example
 * class KeepStudent extends Teleprompter {
 *   protected async doCompile<M extends Module>(student: M) { return student.deepcopy(); }
 * }
 */
export abstract class Teleprompter<Options extends object = CompileOptions> {
  /** Callbacks of this optimizer, after the ones in settings. */
  callbacks: Callback[] = [];

  /**
   * Optimizes a copy of `student` and returns it. `signal` cancels the compile: LM requests in flight are aborted,
   * nothing new starts, and `compile` rejects with `AbortError`; with a `runDir`, the checkpoint keeps every finished
   * step, and compiling again with the same arguments resumes from it.
   */
  async compile<M extends Module>(student: M, options: Options & SignalOption): Promise<M> {
    const { signal: given, ...rest } = options;
    const compileOptions = rest as Options;
    const signal = activeSignal(given);
    const operation = `${this.constructor.name}.compile()`;
    AbortError.throwIfAborted(signal, operation);
    const settings = getSettings();
    const callbacks = [...settings.callbacks, ...this.callbacks];
    const callId = callbacks.length ? randomUUID().replaceAll("-", "") : "";
    fireCallbacks(settings, callbacks, (cb) => cb.onCompileStart?.(callId, this, { student, ...compileOptions }));
    try {
      const run = () => this.doCompile(student, compileOptions);
      const inPath = () => (callId ? withSettings({ callPath: [...settings.callPath, callId] }, run) : run());
      const compiled = await withSignal(signal, inPath);
      fireCallbacks(settings, callbacks, (cb) => cb.onCompileEnd?.(callId, compiled, null));
      return compiled;
    } catch (raw) {
      const error = AbortError.wrap(raw, signal, operation);
      fireCallbacks(settings, callbacks, (cb) => cb.onCompileEnd?.(callId, null, error));
      throw error;
    }
  }

  /** The optimization itself; `compile` adds the callbacks. */
  protected abstract doCompile<M extends Module>(student: M, options: Options): Promise<M>;
}
