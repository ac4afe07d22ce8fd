import { ValueError } from "../../errors/value-error.js";
import type { PythonRandom } from "../../python/python-random.js";
import type { GEPAState } from "./gepa-state.js";

/** `EpochShuffledBatchSampler`'s bookkeeping, saved with checkpoints so a resumed run draws the same minibatches. */
export interface BatchSamplerState {
  shuffledIds: number[];
  epoch: number;
  /** Id → times it appears in the epoch, in first-seen order (Python's `Counter`). */
  idFreqs: Array<[number, number]>;
  lastTrainsetSize: number;
  currentIteration: number | null;
  callsInIteration: number;
}

/**
 * gepa's `EpochShuffledBatchSampler`: the training ids are shuffled once per epoch with the run's `PythonRandom`,
 * padded to a multiple of the minibatch size with the least used ids (the last such id first, as
 * `Counter.most_common()[::-1]` picks it), and iteration `i` takes the `i`-th chunk.
 */
export class EpochShuffledBatchSampler {
  private shuffledIds: number[] = [];
  private epoch = -1;
  private idFreqs = new Map<number, number>();
  private lastTrainsetSize = 0;
  private currentIteration: number | null = null;
  private callsInIteration = 0;

  constructor(
    readonly minibatchSize: number,
    private readonly rng: PythonRandom,
  ) {
    if (!Number.isInteger(minibatchSize) || minibatchSize < 1) {
      throw new ValueError(`reflectionMinibatchSize must be a positive integer, got ${String(minibatchSize)}.`);
    }
  }

  /** The ids of the next minibatch for iteration `state.i`. */
  nextMinibatchIds(trainsetSize: number, state: GEPAState): number[] {
    if (trainsetSize === 0) throw new ValueError("Cannot sample a minibatch from an empty trainset.");
    if (state.i === this.currentIteration) this.callsInIteration++;
    else {
      this.currentIteration = state.i;
      this.callsInIteration = 0;
    }
    let baseIdx = state.i * this.minibatchSize;
    const currentEpoch = this.epoch === -1 ? 0 : Math.floor(baseIdx / Math.max(this.shuffledIds.length, 1));
    if (this.shuffledIds.length === 0 || trainsetSize !== this.lastTrainsetSize || currentEpoch > this.epoch) {
      this.epoch = currentEpoch;
      this.reshuffle(trainsetSize);
    }
    baseIdx = (baseIdx + this.callsInIteration * this.minibatchSize) % this.shuffledIds.length;
    return this.shuffledIds.slice(baseIdx, baseIdx + this.minibatchSize);
  }

  getState(): BatchSamplerState {
    return {
      shuffledIds: [...this.shuffledIds],
      epoch: this.epoch,
      idFreqs: [...this.idFreqs],
      lastTrainsetSize: this.lastTrainsetSize,
      currentIteration: this.currentIteration,
      callsInIteration: this.callsInIteration,
    };
  }

  setState(state: BatchSamplerState): void {
    this.shuffledIds = [...state.shuffledIds];
    this.epoch = state.epoch;
    this.idFreqs = new Map(state.idFreqs);
    this.lastTrainsetSize = state.lastTrainsetSize;
    this.currentIteration = state.currentIteration;
    this.callsInIteration = state.callsInIteration;
  }

  private reshuffle(trainsetSize: number): void {
    this.lastTrainsetSize = trainsetSize;
    this.shuffledIds = Array.from({ length: trainsetSize }, (_, i) => i);
    this.rng.shuffle(this.shuffledIds);
    this.idFreqs = new Map(this.shuffledIds.map((id) => [id, 1]));
    const remainder = trainsetSize % this.minibatchSize;
    const toPad = remainder === 0 ? 0 : this.minibatchSize - remainder;
    for (let n = 0; n < toPad; n++) {
      let chosen = -1;
      let least = Infinity;
      for (const [id, count] of this.idFreqs) {
        if (count <= least) {
          least = count;
          chosen = id;
        }
      }
      this.shuffledIds.push(chosen);
      this.idFreqs.set(chosen, least + 1);
    }
  }
}
