import { getSettings } from "../context/settings.js";
import { ValueError } from "../errors/value-error.js";
import type { LMLike } from "../lm/lm-like.js";
import type { Module } from "../primitives/module.js";

/** The LM a module runs with (its own, else the configured one) and the first rollout id (`rollout_id`, default 0). */
export function rolloutLm(module: Module, wrapper: string): { lm: LMLike; start: number } {
  const lm = module.getLm() ?? getSettings().lm;
  if (!lm) {
    throw new ValueError(`${wrapper} needs an LM: set one on the module (setLm) or configure({ lm: new LM(...) }).`);
  }
  const start = lm.kwargs.rollout_id;
  return { lm, start: typeof start === "number" ? start : 0 };
}

/** Scores an attempt: `(inputs, prediction) => reward` (sync or async). */
export type RewardFn<I = Record<string, any>, P = any> = (inputs: I, prediction: P) => number | boolean | Promise<number | boolean>;
