import { ValueError } from "../errors/value-error.js";
import { ExampleImpl } from "../primitives/example.js";
import { Completions, Prediction, PredictionImpl } from "../primitives/prediction.js";
import { canonicalJson } from "../utils/canonical-json.js";
import { normalizeText } from "../python/normalize-text.js";

type Record_ = Record<string, unknown>;

export interface MajorityOptions {
  /** Maps a value before counting; `null` ignores that completion. Default: `normalizeText`, empty text ignored. `null` counts raw values. */
  normalize?: ((value: any) => unknown) | null;
  /** The field voted on (default: the last field of the first completion). */
  field?: string;
}

/** DSPy's `default_normalize`: `normalize_text(s) or None`. */
export function defaultNormalize(value: unknown): string | null {
  return normalizeText(value as string) || null;
}

function fieldsOf(completion: unknown): Record_ {
  if (completion instanceof ExampleImpl) return Object.fromEntries(completion.items());
  if (typeof completion === "object" && completion !== null) return completion as Record_;
  throw new ValueError(`majority() votes over predictions or records, got ${String(completion)}.`);
}

/** A Map key that treats equal values as equal, as Python's dict does for strings, numbers and None. */
function voteKey(value: unknown): unknown {
  return typeof value === "object" && value !== null ? `\u0000json:${canonicalJson(value)}` : value;
}

/**
 * The most common answer among completions (DSPy's `dspy.majority`): counts the normalized values of one field
 * (by default the last one) over a Prediction's completions, a `Completions`, or a list of predictions, and returns
 * a Prediction holding the first completion with the winning value. Ties go to the earliest value.
 *
 * @example
 * const votes = await new Predict("question -> answer", { n: 5 }).call({ question });
 * const { answer } = majority(votes);
 */
export function majority(
  predictionOrCompletions: Prediction | Completions | ReadonlyArray<Prediction | Record_>,
  options: MajorityOptions = {},
): Prediction {
  let completions: Record_[];
  if (predictionOrCompletions instanceof PredictionImpl) {
    const all = predictionOrCompletions.completions;
    completions = all ? [...all].map(fieldsOf) : [fieldsOf(predictionOrCompletions)];
  } else if (predictionOrCompletions instanceof Completions) {
    completions = [...predictionOrCompletions].map(fieldsOf);
  } else if (Array.isArray(predictionOrCompletions)) {
    completions = predictionOrCompletions.map(fieldsOf);
  } else {
    throw new ValueError("majority() takes a Prediction, a Completions or a list of predictions.");
  }
  if (completions.length === 0) throw new ValueError("majority() needs at least one completion to vote on.");
  const field = options.field ?? Object.keys(completions[0] as Record_).at(-1);
  if (field === undefined) throw new ValueError("majority() found no field to vote on; pass `field`.");
  const normalize = options.normalize === undefined ? defaultNormalize : (options.normalize ?? ((value: unknown) => value));

  const normalized = completions.map((completion) => normalize(completion[field]));
  const kept = normalized.filter((value) => value !== null && value !== undefined);
  const counts = new Map<unknown, { value: unknown; count: number }>();
  for (const value of kept.length ? kept : normalized) {
    const key = voteKey(value);
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { value, count: 1 });
  }
  let winner: { value: unknown; count: number } | null = null;
  for (const entry of counts.values()) if (!winner || entry.count > winner.count) winner = entry;
  const winningKey = voteKey(winner?.value ?? null);
  const index = normalized.findIndex((value) => voteKey(value ?? null) === winningKey);
  return Prediction.fromCompletions([completions[index === -1 ? completions.length - 1 : index] as Record_]);
}
