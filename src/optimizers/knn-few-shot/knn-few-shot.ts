import type { Example } from "../../primitives/example.js";
import type { CallOptions, Module, SignalOption } from "../../primitives/module.js";
import { requireInputKeys } from "../../primitives/require-input-keys.js";
import { KNN, type Vectorizer } from "../../predict/knn.js";
import { LexicalEmbedder } from "../../retrievers/lexical-embedder.js";
import { BootstrapFewShot, type BootstrapFewShotOptions } from "../bootstrap-few-shot/bootstrap-few-shot.js";
import { Teleprompter } from "../teleprompter.js";

export interface KNNFewShotOptions extends BootstrapFewShotOptions {
  /** Neighbours retrieved per call, the trainset of that call's `BootstrapFewShot`. */
  k: number;
  trainset: Example[];
  /** How examples and inputs are embedded (default: a `LexicalEmbedder` fitted on the trainset's input texts). */
  vectorizer?: Vectorizer;
}

export interface KNNFewShotCompileOptions {
  teacher?: Module | null;
}

/**
 * Picks demos per call (DSPy's `KNNFewShot`): the compiled program finds the `k` training examples nearest to its
 * inputs and runs `BootstrapFewShot` on them before answering. Every other option is `BootstrapFewShot`'s.
 *
 * @example
 * const optimizer = new KNNFewShot({ k: 3, trainset, vectorizer: new Embedder("openai/text-embedding-3-small") });
 * const qa = await optimizer.compile(new ChainOfThought("question -> answer"));
 */
export class KNNFewShot extends Teleprompter<KNNFewShotCompileOptions> {
  readonly knn: KNN;
  readonly bootstrapOptions: BootstrapFewShotOptions;

  constructor(options: KNNFewShotOptions) {
    super();
    const { k, trainset, vectorizer, ...bootstrapOptions } = options;
    requireInputKeys(trainset, "new KNNFewShot()", "trainset");
    this.knn = new KNN(k, trainset, vectorizer ?? defaultVectorizer(k, trainset));
    this.bootstrapOptions = bootstrapOptions;
  }

  override compile<M extends Module>(student: M, options: KNNFewShotCompileOptions & SignalOption = {}): Promise<M> {
    return super.compile(student, options);
  }

  protected async doCompile<M extends Module>(student: M, options: KNNFewShotCompileOptions): Promise<M> {
    const program = student.resetCopy();
    const knn = this.knn;
    const bootstrapOptions = this.bootstrapOptions;
    const teacher = options.teacher ?? null;
    // As DSPy, the copy keeps the student's structure and only its forward changes.
    program.forward = async (inputs: Record<string, any>, callOptions?: CallOptions) => {
      const trainset = await knn.call(inputs);
      const compiled = await new BootstrapFewShot(bootstrapOptions).compile(student, { trainset, teacher });
      return (compiled as Module).call(inputs, callOptions);
    };
    return program;
  }
}

/** A `LexicalEmbedder` whose IDF comes from the trainset's input texts. */
function defaultVectorizer(k: number, trainset: Example[]): Vectorizer {
  const corpus = new KNN(k, trainset, () => []).trainsetTexts();
  return new LexicalEmbedder({ corpus });
}
