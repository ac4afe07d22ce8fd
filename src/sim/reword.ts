import type { SeededRandom } from "./seeded-random.js";

const SWAPS: ReadonlyArray<[RegExp, string]> = [
  [/\bqualify for\b/, "are eligible for"],
  [/\bget\b/, "receive"],
  [/\bissued\b/, "processed"],
  [/\bwithin\b/, "in under"],
  [/\bplease\b/i, "kindly"],
  [/\byou\b/, "the customer"],
];

/** A seeded small rewording, as sampling at temperature > 0 would produce: a synonym, or different punctuation. */
export function reword(text: string, rng: SeededRandom): string {
  const swaps = SWAPS.filter(([pattern]) => pattern.test(text));
  const choice = rng.int(0, swaps.length + 1);
  if (choice < swaps.length) {
    const [pattern, replacement] = swaps[choice]!;
    return text.replace(pattern, replacement);
  }
  if (choice === swaps.length && /[.]$/.test(text)) return text.slice(0, -1);
  return /[.!?]$/.test(text) ? `${text} Hope this helps!` : `${text}.`;
}
