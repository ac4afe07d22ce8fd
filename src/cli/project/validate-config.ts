import type { ProjectConfig } from "./define-config.js";

const OPTIMIZERS = ["BootstrapFewShotWithRandomSearch", "MIPROv2", "COPRO", "GEPA", "SIMBA"];

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Checks a loaded project file against `ProjectConfig` (the type `defineConfig` gives the editor) and returns one line
 * per problem, each naming the field and what it must be; empty when the project is usable.
 */
export function validateConfig(config: unknown): string[] {
  const problems: string[] = [];
  const need = (path: string, ok: boolean, what: string, value: unknown) => {
    if (!ok) problems.push(`${path} must be ${what} (got ${describe(value)})`);
    return ok;
  };
  if (!need("the default export", isRecord(config), "defineConfig({ … })", config)) return problems;
  const c = config as Record<string, unknown>;
  const text = (path: string, value: unknown) => need(path, typeof value === "string" && value.length > 0, "a non-empty string", value);
  const fraction = (path: string, value: unknown) => need(path, typeof value === "number" && value > 0 && value < 1, "a number between 0 and 1", value);
  const score = (path: string, value: unknown) => need(path, typeof value === "number" && value >= 0 && value <= 100, "a score from 0 to 100", value);
  const count = (path: string, value: unknown) =>
    value === undefined || need(path, typeof value === "number" && Number.isFinite(value) && value > 0, "a positive number", value);

  text("programVersion", c.programVersion);
  if (need("program", isRecord(c.program), "{ module, export }", c.program)) {
    const p = c.program as Record<string, unknown>;
    text("program.module", p.module);
    text("program.export", p.export);
  }
  if (need("dataset", isRecord(c.dataset), "{ path, inputs }", c.dataset)) {
    const d = c.dataset as Record<string, unknown>;
    text("dataset.path", d.path);
    need("dataset.inputs", Array.isArray(d.inputs) && d.inputs.length > 0 && d.inputs.every((f) => typeof f === "string"), "a non-empty array of field names", d.inputs);
    if (d.id !== undefined) text("dataset.id", d.id);
  }
  if (need("splits", isRecord(c.splits), "{ field } or { train, validation, test, seed? }", c.splits)) {
    const s = c.splits as Record<string, unknown>;
    if (s.field !== undefined) text("splits.field", s.field);
    else {
      for (const name of ["train", "validation", "test"]) fraction(`splits.${name}`, s[name]);
      const total = [s.train, s.validation, s.test].reduce<number>((sum, f) => sum + (typeof f === "number" ? f : 0), 0);
      if (problems.length === 0 && Math.abs(total - 1) > 1e-9) problems.push(`splits.train + splits.validation + splits.test must add up to 1 (got ${total})`);
      if (s.seed !== undefined) need("splits.seed", Number.isInteger(s.seed), "an integer", s.seed);
    }
  }
  need("metric", typeof c.metric === "function", "a function (example, prediction) => score", c.metric);
  if (c.slices !== undefined && need("slices", isRecord(c.slices), "{ field }", c.slices)) text("slices.field", (c.slices as Record<string, unknown>).field);
  if (need("gates", isRecord(c.gates), "{ minimum: { slice: score }, requireImprovement? }", c.gates)) {
    const g = c.gates as Record<string, unknown>;
    if (need("gates.minimum", isRecord(g.minimum), "an object of slice → minimum score", g.minimum)) {
      for (const [slice, value] of Object.entries(g.minimum as object)) score(`gates.minimum.${slice}`, value);
    }
    if (g.requireImprovement !== undefined) need("gates.requireImprovement", typeof g.requireImprovement === "boolean", "true or false", g.requireImprovement);
  }
  if (need("optimizers", isRecord(c.optimizers) && Object.keys(c.optimizers).length > 0, "an object naming at least one optimizer", c.optimizers)) {
    for (const [name, spec] of Object.entries(c.optimizers as object)) {
      if (!need(`optimizers.${name}`, isRecord(spec), "{ optimizer, settings?, compile? }", spec)) continue;
      const o = spec as Record<string, unknown>;
      need(`optimizers.${name}.optimizer`, OPTIMIZERS.includes(o.optimizer as string), `one of ${OPTIMIZERS.join(", ")}`, o.optimizer);
      if (o.settings !== undefined) need(`optimizers.${name}.settings`, isRecord(o.settings), "an object", o.settings);
      if (o.metric !== undefined) need(`optimizers.${name}.metric`, typeof o.metric === "function", "a function", o.metric);
      if (o.compile !== undefined) need(`optimizers.${name}.compile`, isRecord(o.compile), "an object", o.compile);
    }
  }
  if (need("models", isRecord(c.models) && Object.keys(c.models).length > 0, "an object of model revision → () => LM", c.models)) {
    for (const [name, make] of Object.entries(c.models as object)) need(`models["${name}"]`, typeof make === "function", "a function returning an LM", make);
  }
  if (c.budgets !== undefined && need("budgets", isRecord(c.budgets), "{ compile? }", c.budgets)) {
    const compile = (c.budgets as Record<string, unknown>).compile;
    if (compile !== undefined && need("budgets.compile", isRecord(compile), "{ lmCalls?, metricCalls?, tokens?, costUsd? }", compile)) {
      for (const [key, value] of Object.entries(compile as object)) count(`budgets.compile.${key}`, value);
    }
  }
  if (c.evaluation !== undefined && need("evaluation", isRecord(c.evaluation), "{ resamples?, confidence?, seed?, numThreads? }", c.evaluation)) {
    const e = c.evaluation as Record<string, unknown>;
    count("evaluation.resamples", e.resamples);
    count("evaluation.numThreads", e.numThreads);
    if (e.confidence !== undefined) fraction("evaluation.confidence", e.confidence);
  }
  if (c.drift !== undefined && need("drift", isRecord(c.drift), "{ threshold? }", c.drift)) {
    const threshold = (c.drift as Record<string, unknown>).threshold;
    if (threshold !== undefined) score("drift.threshold", threshold);
  }
  if (c.runDir !== undefined) text("runDir", c.runDir);
  if (c.artifacts !== undefined && need("artifacts", isRecord(c.artifacts), "{ dir? }", c.artifacts)) {
    const dir = (c.artifacts as Record<string, unknown>).dir;
    if (dir !== undefined) text("artifacts.dir", dir);
  }
  return problems;
}

/** The config once `validateConfig` found nothing wrong. */
export type ValidConfig = ProjectConfig;
