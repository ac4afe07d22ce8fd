// The files `tsdspy init` writes: a project file, the support-ticket program and its metric (the demo's), offline
// on the simulator under two model revisions. They import `tsdspy` as a user's project does.

export const CONFIG_TEMPLATE = `// The tsdspy project file: what to compile, on which data and models, and what a release must reach.
// Run: npx tsdspy compile && npx tsdspy evaluate && npx tsdspy gate && npx tsdspy promote && npx tsdspy report
import { defineConfig } from "tsdspy";
import { SimLM } from "tsdspy/sim";
import { resolutionFeedback, resolutionQuality } from "./metric.js";

export default defineConfig({
  programVersion: "support-v1",
  program: { module: "./program.ts", export: "SupportPipeline" },
  dataset: { path: "./data/tickets.jsonl", inputs: ["ticket_text", "policy_context"], id: "id" },
  // Each ticket says its split; { train: 0.4, validation: 0.3, test: 0.3, seed: 0 } would split at random instead.
  splits: { field: "split" },
  slices: { field: "slice" },
  metric: resolutionQuality,
  // Every slice at or above its minimum (0-100; "default" for the others), and better than the uncompiled baseline.
  gates: { minimum: { default: 60 }, requireImprovement: true },
  optimizers: {
    randomSearch: {
      optimizer: "BootstrapFewShotWithRandomSearch",
      settings: { maxBootstrappedDemos: 3, maxLabeledDemos: 3, numCandidatePrograms: 2, numThreads: 4 },
    },
    // GEPA reflects on feedback: its metric also says what a resolution missed.
    gepa: {
      optimizer: "GEPA",
      metric: resolutionFeedback,
      settings: { maxMetricCalls: 60, reflectionMinibatchSize: 3, numThreads: 4, seed: 0 },
    },
  },
  // Exact model revisions, each a new experiment. Offline these are tsdspy's simulator (not a language model) under
  // two names; for a real model: "gpt-4o-mini-2024-07-18": () => new LM("openai/gpt-4o-mini-2024-07-18").
  models: {
    "sim-2026-01": () => new SimLM({ modelId: "sim-2026-01" }),
    "sim-2026-06": () => new SimLM({ modelId: "sim-2026-06", seed: "2026-06" }),
  },
  budgets: { compile: { lmCalls: 400 } },
  evaluation: { resamples: 1000, confidence: 0.95, seed: 0 },
  drift: { threshold: 5 },
  runDir: "runs",
  artifacts: { dir: "artifacts" },
});
`;

export const PROGRAM_TEMPLATE = `// The support program: a resolution from the ticket and the retrieved policy passages, with reasoning.
import { ChainOfThought, Module, signature } from "tsdspy";

export const GenerateResolution = signature({
  name: "GenerateResolution",
  instructions: "Generate a support resolution using retrieved policy documents.",
  inputs: {
    policy_context: { type: "str", desc: "Retrieved policy passages" },
    ticket_text: { type: "str", desc: "The customer's message" },
  },
  outputs: {
    resolution: { type: "str", desc: "Concise resolution with policy citation" },
  },
});

export class SupportPipeline extends Module {
  generate_resolution = new ChainOfThought(GenerateResolution);

  forward(inputs: { ticket_text: string; policy_context: string }) {
    return this.generate_resolution.call({ policy_context: inputs.policy_context, ticket_text: inputs.ticket_text });
  }
}
`;

export const METRIC_TEMPLATE = `// The metric: does the resolution cite the right policy, state its remedy for this order, and refuse what it must?
import type { Example, Prediction } from "tsdspy";

const REFUSAL = /\\b(cannot|can't|can not|unable|not able)\\b/i;
const OTHER_POLICIES = /\\b(price match|warranty|gift card|address change) policy\\b/i;

export function resolutionQuality(example: Example, prediction: Prediction): number {
  const resolution = String(prediction.resolution ?? "");
  const lower = resolution.toLowerCase();
  let score = 0;
  if (lower.includes(String(example.policy).toLowerCase())) score += 0.25;
  if (lower.includes(String(example.remedy).toLowerCase())) score += 0.35;
  if (resolution.includes(String(example.order))) score += 0.15;
  if (example.demand) {
    const demanded: string[] = String(example.demand).match(/\\$\\d+/g) ?? [];
    const grants = demanded.some((amount) => resolution.includes(amount)) || /\\btwice\\b/i.test(resolution);
    if (REFUSAL.test(resolution) && !grants) score += 0.25;
  } else if (!OTHER_POLICIES.test(resolution)) {
    score += 0.25;
  }
  return Math.round(score * 100) / 100;
}

/** The same score with feedback for GEPA's reflection: what the resolution should have said. */
export function resolutionFeedback(example: Example, prediction: Prediction, _trace?: unknown, _predName?: unknown, _predTrace?: unknown) {
  const score = resolutionQuality(example, prediction);
  const feedback =
    score === 1
      ? "Correct: the right policy, its remedy and the order number."
      : \`Expected a resolution citing the \${example.policy} that offers the \${example.remedy} for order \${example.order}\` +
        (example.demand ? " and refuses the customer's extra demand." : ".");
  return { score, feedback };
}
`;

export const GITIGNORE_TEMPLATE = `runs/
artifacts/
report.html
`;
