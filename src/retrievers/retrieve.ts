import { randomBytes, randomUUID } from "node:crypto";
import { getSettings } from "../context/settings.js";
import { ValueError } from "../errors/value-error.js";
import type { LMLike } from "../lm/lm-like.js";
import { PARAMETER, type Parameter } from "../primitives/parameter.js";
import { Prediction } from "../primitives/prediction.js";
import type { Callback } from "../context/callback.js";
import { passageText, type Passage, type Retriever } from "./retriever.js";

function safeHook(hook: () => void): void {
  try {
    hook();
  } catch (error) {
    getSettings().logger.warn(`Error when calling callback: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function runRetriever(rm: unknown, query: string, k: number): Promise<readonly Passage[]> {
  if (typeof rm === "function") return (rm as (q: string, o: { k: number }) => Promise<readonly Passage[]>)(query, { k });
  if (typeof rm === "object" && rm !== null && typeof (rm as { retrieve?: unknown }).retrieve === "function") {
    return (rm as Exclude<Retriever, Function>).retrieve(query, { k });
  }
  throw new ValueError("The configured `rm` is not a retriever: give a function (query, { k }) => passages or an object with `retrieve`.");
}

/**
 * Retrieves `k` passages for a query from the configured retriever (DSPy's `dspy.Retrieve`, whose `k` is saved with
 * the program's state). Configure one with `configure({ rm: new BM25Retriever(corpus) })` or an `Embeddings`.
 *
 * @example
 * configure({ rm: new Embeddings(corpus, embedder) });
 * const { passages } = await new Retrieve({ k: 3 }).call("refund policy");
 */
export class Retrieve implements Parameter {
  readonly [PARAMETER] = true as const;
  readonly name = "Search";
  readonly inputVariable = "query";
  readonly desc = "takes a search query and returns one or more potentially relevant passages from a corpus";
  k: number;
  lm: LMLike | null = null;
  callbacks: Callback[];
  /** A random id (DSPy's `stage`). */
  readonly stage: string = randomBytes(8).toString("hex");

  constructor(options: { k?: number; callbacks?: Callback[] } = {}) {
    this.k = options.k ?? 3;
    this.callbacks = options.callbacks ?? [];
  }

  reset(): void {}

  /** DSPy's state of a `Retrieve`: `{ k }`. */
  dumpState(): Record<string, unknown> {
    return { k: this.k };
  }

  loadState(state: Record<string, unknown>): this {
    if (typeof state.k === "number") this.k = state.k;
    return this;
  }

  /** The passages for `query` (`k` overrides this module's). */
  async call(query: string, options: { k?: number } = {}): Promise<Prediction<{ passages: string[] }>> {
    const settings = getSettings();
    const callbacks = settings.callbacks.length || this.callbacks.length ? [...settings.callbacks, ...this.callbacks] : [];
    const callId = callbacks.length ? randomUUID() : "";
    for (const cb of callbacks) safeHook(() => cb.onModuleStart?.(callId, this, { query, ...options }));
    try {
      const rm = settings.rm;
      if (rm === null || rm === undefined) {
        throw new ValueError("No RM is loaded. Configure a retriever: configure({ rm: new BM25Retriever(corpus) }) or an Embeddings.");
      }
      const passages = await runRetriever(rm, query, options.k ?? this.k);
      const result = new Prediction({ passages: [...passages].map(passageText) });
      for (const cb of callbacks) safeHook(() => cb.onModuleEnd?.(callId, result, null));
      return result;
    } catch (error) {
      for (const cb of callbacks) safeHook(() => cb.onModuleEnd?.(callId, null, error));
      throw error;
    }
  }
}
