/** The `Output` blocks of the article's runnable snippets, verbatim. */
export const EXPECTED_OUTPUT: Readonly<Record<string, string>> = {
  "signatures-declarative-input-output-specs":
    "inline inputs: ticket_text\ninline outputs: urgency\ntyped inputs: policy_context, ticket_text\ntyped outputs: resolution",
  "modules-composable-llm-building-blocks":
    "predictors: generate_resolution.predict\nmodule inputs: policy_context, ticket_text\nmodule outputs: reasoning, resolution",
  "metrics-defining-good": "good score: 1.0\nbad score: 0.0",
  "state-only-save-and-load": "state_file_created: True\nrestored_outputs: resolution",
  "protect-train-validation-test-splits": "leakage_rejected: True\nclean_split_sizes: [3, 2, 2]",
  "select-on-validation-promote-on-test":
    "validation_winner: compiled_a\nselected_test_score: 0.65\npromote_over_baseline: False",
  "configure-bootstrapfewshot-without-lm-calls": "train_examples: 1\nmax_bootstrapped_demos: 4\nmax_labeled_demos: 16",
  "configure-miprov2-manual-budget": "missing_num_trials_rejected: True\nmanual_candidate_count: 4",
  "block-artifact-promotion-on-critical-slices":
    "improved_average: True\nfailed_release_gates: ['refund']\npromote: False",
  "require-artifact-for-exact-model-revision":
    "known_artifact: support-v3_local-rev7.json\nuncompiled_revision_rejected: True",
};

/** The snippets ported so far (the multi-hop sketch is pseudocode in the article). */
export const PORTED: readonly string[] = [
  "signatures-declarative-input-output-specs",
  "modules-composable-llm-building-blocks",
  "metrics-defining-good",
  "protect-train-validation-test-splits",
  "state-only-save-and-load",
  "select-on-validation-promote-on-test",
  "configure-bootstrapfewshot-without-lm-calls",
  "configure-miprov2-manual-budget",
  "block-artifact-promotion-on-critical-slices",
  "require-artifact-for-exact-model-revision",
];
