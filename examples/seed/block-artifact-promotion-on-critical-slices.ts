// Port of `block-artifact-promotion-on-critical-slices.py`: a slice under its minimum blocks promotion.
import { releaseDecision } from "tsdspy";
import { pyRepr, pyStr } from "tsdspy/python";
import { runIfMain, type Print } from "./run-example.js";

export function main(print: Print): void {
  const baseline = { late_delivery: 0.84, refund: 0.91 };
  const compiled = { late_delivery: 0.95, refund: 0.83 };
  const minimum = { late_delivery: 0.84, refund: 0.88 };

  const decision = releaseDecision({ baseline, candidate: compiled, minimum });

  print(`improved_average: ${pyStr(decision.improvedAverage)}`);
  print(`failed_release_gates: ${pyRepr(decision.failedGates)}`);
  print(`promote: ${pyStr(decision.promote)}`);
}

runIfMain(import.meta, main);
