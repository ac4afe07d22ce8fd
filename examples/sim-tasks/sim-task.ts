// The shape every synthetic task shares: a program, splits, a metric, and the instruction that states its rule.
import type { Example, Module, Prediction } from "tsdspy";

export interface SimTask {
  name: string;
  /** One line on the task's shape. */
  description: string;
  makeProgram(): Module;
  train: Example[];
  validation: Example[];
  test: Example[];
  metric(example: Example, prediction: Prediction): number;
  /** An instruction that states the task's rule in words (what a good proposer would find). */
  statedInstruction: string;
}
