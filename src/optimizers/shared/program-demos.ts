import type { Module } from "../../primitives/module.js";
import { demoPredictors } from "./demo-predictor.js";

/** A candidate program as data: each predictor's demos (in `namedPredictors` order) and the `compiled` flag. */
export interface ProgramDemos {
  demos: unknown[][];
  compiled: boolean;
}

/** The demos of `program`'s predictors, as a checkpoint keeps a candidate. */
export function programDemos(program: Module): ProgramDemos {
  return { demos: demoPredictors(program).map(([, predictor]) => [...predictor.demos]), compiled: program.compiled };
}

/** A reset copy of `student` with the given demos (the candidate `programDemos` described). */
export function withProgramDemos<M extends Module>(student: M, state: ProgramDemos): M {
  const program = student.resetCopy();
  demoPredictors(program).forEach(([, predictor], i) => (predictor.demos = [...(state.demos[i] ?? [])]));
  program.compiled = state.compiled;
  return program;
}
