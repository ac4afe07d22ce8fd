// Port of `select-on-validation-promote-on-test.py`: select on validation, decide promotion on the test split.
import { pyRound, pyStr } from "tsdspy/python";
import { runIfMain, type Print } from "./run-example.js";

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export function main(print: Print): void {
  const candidates: Record<string, { validation: number[]; test: number[] }> = {
    baseline: { validation: [0.7, 0.7], test: [0.8, 0.8] },
    compiled_a: { validation: [1.0, 0.9], test: [0.6, 0.7] },
  };

  // Python's max() keeps the first of equal keys; so does this reduce.
  const selected = Object.keys(candidates).reduce((best, name) =>
    mean(candidates[name]!.validation) > mean(candidates[best]!.validation) ? name : best,
  );
  const baselineTest = mean(candidates.baseline!.test);
  const selectedTest = mean(candidates[selected]!.test);

  print(`validation_winner: ${selected}`);
  print(`selected_test_score: ${pyStr(pyRound(selectedTest, 2))}`);
  print(`promote_over_baseline: ${pyStr(selectedTest >= baselineTest)}`);
}

runIfMain(import.meta, main);
