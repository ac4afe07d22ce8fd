// Port of `configure-bootstrapfewshot-without-lm-calls.py`: building the optimizer makes no LM call.
import { BootstrapFewShot, Example, type Prediction } from "tsdspy";
import { runIfMain, type Print } from "./run-example.js";

function resolutionAccuracy(example: Example, prediction: Prediction): number {
  return example.resolution === prediction.resolution ? 1 : 0;
}

export function main(print: Print): void {
  const trainset = [
    new Example({
      ticket_text: "My package was supposed to arrive yesterday but tracking hasn't updated.",
      resolution: "Per the late-delivery policy, you qualify for a $5 credit.",
      policy_context: "Late Delivery Policy: orders delayed >24h qualify for a $5 credit.",
    }).withInputs("ticket_text", "policy_context"),
  ];

  const optimizer = new BootstrapFewShot({
    metric: resolutionAccuracy,
    maxBootstrappedDemos: 4,
    maxLabeledDemos: 16,
  });

  // After configure({ lm }), compilation makes LM calls:
  // const compiled = await optimizer.compile(new SupportPipeline(), { trainset });
  print(`train_examples: ${trainset.length}`);
  print(`max_bootstrapped_demos: ${optimizer.maxBootstrappedDemos}`);
  print(`max_labeled_demos: ${optimizer.maxLabeledDemos}`);
}

runIfMain(import.meta, main);
