// Port of the article's `metrics-defining-good.py`: metrics are plain functions of (example, prediction, trace).
import { Example, Prediction } from "tsdspy";
import { pyFormatFixed } from "tsdspy/python";
import { runIfMain, type Print } from "./run-example.js";

type Ticket = { ticket_text: string; policy_context: string; resolution: string };

/** Metric: does the predicted resolution match the gold resolution? */
export function resolutionAccuracy(example: Example<Ticket>, prediction: Prediction<{ resolution: string }>): number {
  return prediction.resolution.trim().toLowerCase() === example.resolution.trim().toLowerCase() ? 1.0 : 0.0;
}

/** Metric: does the resolution cite a policy and reuse context facts? */
export function policyFaithfulness(example: Example<Ticket>, prediction: Prediction<{ resolution: string }>): number {
  const resolution = prediction.resolution.toLowerCase();
  const context = example.policy_context.toLowerCase();
  const citesPolicy = resolution.includes("policy");
  const mentionsCredit = /\$5|5 dollar/.test(resolution);
  const contextSupportsCredit = context.includes("$5 credit") || context.includes("5 dollar credit");
  return citesPolicy && mentionsCredit && contextSupportsCredit ? 1.0 : 0.0;
}

export function supportMetric(example: Example<Ticket>, prediction: Prediction<{ resolution: string }>): number {
  return 0.5 * resolutionAccuracy(example, prediction) + 0.5 * policyFaithfulness(example, prediction);
}

export function main(print: Print): void {
  const example = new Example({
    ticket_text: "My package is late.",
    policy_context: "Late Delivery Policy: orders delayed >24h qualify for a $5 credit.",
    resolution: "Per the late-delivery policy, you qualify for a $5 credit.",
  }).withInputs("ticket_text", "policy_context");

  const good = new Prediction({ resolution: "Per the late-delivery policy, you qualify for a $5 credit." });
  const bad = new Prediction({ resolution: "Sorry, please keep waiting." });

  print(`good score: ${pyFormatFixed(supportMetric(example, good), 1)}`);
  print(`bad score: ${pyFormatFixed(supportMetric(example, bad), 1)}`);
}

runIfMain(import.meta, main);
