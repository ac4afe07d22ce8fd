import { describe, expect, it } from "vitest";
import { EXPECTED_OUTPUT } from "./expected.js";
import type { Print } from "./run-example.js";

/** The ported snippets that exist so far; each must print exactly the article's Output block. */
const PORTED = [
  "signatures-declarative-input-output-specs",
  "modules-composable-llm-building-blocks",
  "metrics-defining-good",
  "protect-train-validation-test-splits",
  "state-only-save-and-load",
  "select-on-validation-promote-on-test",
  "configure-bootstrapfewshot-without-lm-calls",
  "block-artifact-promotion-on-critical-slices",
  "require-artifact-for-exact-model-revision",
];

describe("the article's runnable snippets", () => {
  for (const name of PORTED) {
    it(`${name} prints the article's output`, async () => {
      const { main } = (await import(`./${name}.ts`)) as { main: (print: Print) => Promise<void> | void };
      const lines: string[] = [];
      await main((line) => lines.push(line));
      expect(lines.join("\n")).toBe(EXPECTED_OUTPUT[name]);
    });
  }
});
