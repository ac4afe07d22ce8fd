// Port of `protect-train-validation-test-splits.py`: splits must be disjoint, checked before any compile.
import { assertDisjointSplits, SplitLeakageError } from "tsdspy";
import { runIfMain, type Print } from "./run-example.js";

export function main(print: Print): void {
  const trainIds = new Set(["late-001", "refund-001", "damage-001"]);
  const validationIds = new Set(["late-101", "refund-101"]);
  const testIds = new Set(["late-201", "refund-201"]);

  assertDisjointSplits(trainIds, validationIds, testIds);

  try {
    assertDisjointSplits(trainIds, validationIds, new Set(["refund-001"]));
  } catch (error) {
    if (!(error instanceof SplitLeakageError)) throw error;
    print(`leakage_rejected: ${error.message.includes("refund-001") ? "True" : "False"}`);
  }

  print(`clean_split_sizes: [${[trainIds.size, validationIds.size, testIds.size].join(", ")}]`);
}

runIfMain(import.meta, main);
