// Seeded made-up words: the synthetic tasks draw all their vocabulary from these, so no rule of the simulator can be
// keyed to a task's words (a different seed gives different words).
import { PythonRandom } from "tsdspy/python";

const ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gl", "kr", "pl", "st", "tr", "sk"];
const VOWELS = ["a", "e", "i", "o", "u"];
const CODAS = ["", "", "", "n", "r", "l", "m", "s", "k", "t"];

/** A source of distinct made-up words (two or three syllables), deterministic for a seed. */
export class PseudoWords {
  private readonly used = new Set<string>();

  constructor(readonly rng: PythonRandom) {}

  next(): string {
    for (;;) {
      const syllables = this.rng.random() < 0.7 ? 2 : 3;
      let word = "";
      for (let i = 0; i < syllables; i++) word += this.rng.choice(ONSETS) + this.rng.choice(VOWELS) + (i === syllables - 1 ? this.rng.choice(CODAS) : "");
      if (word.length >= 4 && !this.used.has(word)) {
        this.used.add(word);
        return word;
      }
    }
  }

  many(n: number): string[] {
    return Array.from({ length: n }, () => this.next());
  }
}

export function capitalize(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1);
}
