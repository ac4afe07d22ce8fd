import { ValueError } from "../errors/value-error.js";

/**
 * The simulator's switchable behaviours, each a documented rule about prompts (docs/sim.md, "Rules"). All are on by
 * default; `SimulatorModelOptions.disableRules` turns some off, for ablation studies of the simulator itself.
 */
export const SIM_RULES = Object.freeze([
  /** Label-like outputs are decided by a similarity-weighted vote of the nearest demos. */
  "label-vote",
  /** A number the demos copied from their inputs is copied from the query's corresponding place. */
  "number-copy",
  /** Free-text outputs are rewritten from the nearest demos' outputs: literal text kept, copied spans replaced. */
  "template",
  /** Which passage of a multi-passage input answers the query is also learned from the passages that answered similar demos. */
  "passage-lessons",
  /** In passages written `Title: body`, a span copied from a title is carried over to the query passage's title, one from a body to its body. */
  "titled-passages",
  /** A copied span holding digits is located in the query by its shape (`AB-1234` → two capitals, a hyphen, four digits). */
  "shape-spans",
  /** Negated auxiliaries (cannot, won't, isn't, …) are function words: never a copied span, no weight in similarity. */
  "negated-function-words",
  /** A query nearly identical to a demo (similarity ≥ 0.8) gets that demo's free-text output. */
  "near-duplicate",
  /** Without a usable demo, free text is the context passage most relevant to the question. */
  "context-fallback",
  /** Style cues in the instructions (cite, quote, concise, polite, labels only, step by step). */
  "cues",
  /** Stated rules in the instructions: "when the input mentions X, answer Y", "always/never answer Y", source rules. */
  "stated-rules",
  /** Stated output forms: a sequence of text operations ("first reverse the words, then upper-case them"), or a shape ("in the form AB-1234"). */
  "output-form",
  /** Input fields named hint/advice/feedback are read as part of the instructions. */
  "hint-inputs",
  /** Instruction sentences with nothing usable for the task make answers worse (the model is distracted). */
  "distraction",
  /** Directives that harm on purpose: "ignore the examples", "answer at random", "be verbose". */
  "harmful-directives",
] as const);

export type SimRule = (typeof SIM_RULES)[number];

/** The set of rules in force: all, minus the disabled ones (unknown names are an error). */
export function enabledRules(disabled: readonly string[] = []): ReadonlySet<SimRule> {
  const unknown = disabled.filter((name) => !(SIM_RULES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new ValueError(`Unknown simulator rule(s): ${unknown.join(", ")}. Known rules: ${SIM_RULES.join(", ")} (see docs/sim.md).`);
  }
  return new Set(SIM_RULES.filter((rule) => !disabled.includes(rule)));
}

/** Every rule on: the default. */
export const ALL_RULES: ReadonlySet<SimRule> = enabledRules();
