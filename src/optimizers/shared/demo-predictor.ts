import { ValueError } from "../../errors/value-error.js";
import type { Module } from "../../primitives/module.js";
import type { Parameter } from "../../primitives/parameter.js";

/** What optimizers need of a predictor (`Predict` has it): demos to set and a signature to compare. */
export interface DemoPredictor extends Parameter {
  demos: unknown[];
  signature: { equals(other: unknown): boolean; toString(): string };
}

function isDemoPredictor(value: Parameter): value is DemoPredictor {
  const candidate = value as Partial<DemoPredictor>;
  return Array.isArray(candidate.demos) && typeof candidate.signature?.equals === "function";
}

/** The program's predictors by DSPy name, each checked to hold demos and a signature. */
export function demoPredictors(program: Module): Array<[string, DemoPredictor]> {
  return program.namedPredictors().map(([name, predictor]) => {
    if (!isDemoPredictor(predictor)) {
      throw new ValueError(
        `The predictor \`${name}\` has no \`demos\` list or no signature; optimizers set demos on Predict-like predictors only.`,
      );
    }
    return [name, predictor];
  });
}
