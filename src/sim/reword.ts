import type { SeededRandom } from "./seeded-random.js";

/** Everyday English swaps (no task vocabulary): a contraction, a synonym. */
const SWAPS: ReadonlyArray<[RegExp, string]> = [
  [/\bit is\b/, "it's"],
  [/\bdo not\b/, "don't"],
  [/\bbecause\b/, "since"],
  [/\bget\b/, "receive"],
  [/\bshows\b/, "indicates"],
  [/\bplease\b/i, "kindly"],
];

/** A seeded small rewording, as sampling at temperature > 0 would produce: a synonym, or different punctuation. */
export function reword(text: string, rng: SeededRandom): string {
  const swaps = SWAPS.filter(([pattern]) => pattern.test(text));
  const choice = rng.int(0, swaps.length + 1);
  if (choice < swaps.length) {
    const [pattern, swap] = swaps[choice]!;
    return text.replace(pattern, swap);
  }
  if (choice === swaps.length && /[.]$/.test(text)) return text.slice(0, -1);
  return /[.!?]$/.test(text) ? `${text} Hope this helps!` : `${text}.`;
}
