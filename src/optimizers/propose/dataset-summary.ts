import { withSettings } from "../../context/settings.js";
import type { LMLike } from "../../lm/lm-like.js";
import type { Example } from "../../primitives/example.js";
import { Predict } from "../../predict/predict.js";
import { findBudgetError } from "../run/find-budget-error.js";
import { DatasetDescriptor, DatasetDescriptorWithPriorObservations, ObservationSummarizer } from "./proposer-signatures.js";
import { stripPrefix } from "./strip-prefix.js";
import { rethrowIfCancelled } from "../../context/with-signal.js";

/** Python's `repr(list_of_examples)` with each `input_keys={...}` set sorted (DSPy's `order_input_keys_in_string`). */
export function examplesRepr(examples: readonly Example[]): string {
  const text = `[${examples.map((example) => example.toPyRepr()).join(", ")}]`;
  return text.replace(/input_keys=\{([^}]+)\}/g, (_match, keys: string) => {
    const sorted = keys.split(",").map((key) => key.trim()).sort();
    return `input_keys={${sorted.join(", ")}}`;
  });
}

/**
 * DSPy's `create_dataset_summary`: observations on the first batch of examples, more observations on up to 8 later
 * batches (a reply starting with `COMPLETE` adds nothing; 5 of them stop), then a 2–3 sentence summary, all at
 * temperature 1.0 on the prompt model. An error after the first batch keeps the observations so far (as DSPy);
 * a budget running out always stops.
 */
export async function createDatasetSummary(trainset: readonly Example[], viewDataBatchSize: number, promptModel: LMLike): Promise<string> {
  const config = { n: 1, temperature: 1.0 };
  return withSettings({ lm: promptModel }, async () => {
    const upper = Math.min(trainset.length, viewDataBatchSize);
    const first = await new Predict(DatasetDescriptor, config).call({ examples: examplesRepr(trainset.slice(0, upper)) });
    let observations = String(first.observations);
    let skips = 0;
    try {
      let calls = 0;
      for (let b = viewDataBatchSize; b < trainset.length; b += viewDataBatchSize) {
        calls++;
        if (calls >= 10) break;
        const batch = trainset.slice(b, Math.min(trainset.length, b + viewDataBatchSize));
        const output = await new Predict(DatasetDescriptorWithPriorObservations, config).call({
          prior_observations: observations,
          examples: examplesRepr(batch),
        });
        const more = String(output.observations);
        if (more.length >= 8 && more.slice(0, 8).toUpperCase() === "COMPLETE") {
          skips++;
          if (skips >= 5) break;
          continue;
        }
        observations += more;
      }
    } catch (error) {
      rethrowIfCancelled(error);
      if (findBudgetError(error)) throw error;
    }
    const summary = await new Predict(ObservationSummarizer, config).call({ observations });
    return stripPrefix(String(summary.summary));
  });
}
