import { Prediction } from "../primitives/prediction.js";
import { Embeddings } from "./embeddings.js";

/**
 * `Embeddings` that also returns the similarity scores (DSPy's `dspy.EmbeddingsWithScores`), for thresholds and
 * re-ranking downstream.
 *
 * @example
 * const { passages, scores } = await new EmbeddingsWithScores(corpus, embedder, { k: 3 }).call("late delivery");
 */
export class EmbeddingsWithScores extends Embeddings {
  override async call(query: string): Promise<Prediction<{ passages: string[]; indices: number[]; scores: number[] }>> {
    const [result] = await this.search([query]);
    return new Prediction({ passages: result!.passages, indices: result!.indices, scores: result!.scores });
  }
}
