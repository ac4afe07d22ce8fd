// Synthetic task 2 — a two-step string transformation: a phrase of 2–5 made-up words becomes a code by two
// operations chosen by the seed (e.g. reverse the word order, then upper-case). Demos show the mapping only for
// phrases of their own length; an instruction that states the two steps covers every length.
import { Example, Predict, signature, type Prediction } from "tsdspy";
import { PythonRandom } from "tsdspy/python";
import { PseudoWords } from "./pseudo-words.js";
import type { SimTask } from "./sim-task.js";

interface Program {
  name: string;
  apply(words: string[]): string;
  /** The rule as a person would write it in an instruction. */
  stated: string;
}

/** The two-step programs a seed chooses from. */
const PROGRAMS: readonly Program[] = [
  { name: "reverse, upper", apply: (w) => [...w].reverse().join(" ").toUpperCase(), stated: "Reverse the word order of the `phrase`, then write it in upper case." },
  { name: "sort, hyphens", apply: (w) => [...w].sort().join("-"), stated: "Sort the words of the `phrase` alphabetically, then join them with hyphens." },
  { name: "reverse, underscores", apply: (w) => [...w].reverse().join("_"), stated: "First reverse the order of the words in the `phrase`, then join them with underscores." },
  { name: "drop first, upper", apply: (w) => w.slice(1).join(" ").toUpperCase(), stated: "Drop the first word of the `phrase`, then write the rest in upper case." },
  { name: "initials, upper", apply: (w) => w.map((x) => x[0]).join("").toUpperCase(), stated: "Take the first letter of each word of the `phrase`, then write them in capital letters." },
];

export interface TransformOptions {
  seed?: number;
  /** Which of the programs (default: chosen by the seed). */
  program?: number;
  sizes?: { train: number; validation: number; test: number };
}

export function makeTransformTask(options: TransformOptions = {}): SimTask & { program: string } {
  const rng = new PythonRandom(options.seed ?? 1);
  const program = PROGRAMS[options.program ?? rng.randrange(PROGRAMS.length)]!;
  const words = new PseudoWords(rng);
  const vocabulary = words.many(200);
  const sizes = options.sizes ?? { train: 40, validation: 30, test: 40 };
  const example = () => {
    const phrase = Array.from({ length: rng.randint(2, 5) }, () => rng.choice(vocabulary)).join(" ");
    return new Example({ phrase, code: program.apply(phrase.split(" ")) }).withInputs("phrase");
  };
  const split = (n: number) => Array.from({ length: n }, example);
  const Encode = signature("phrase -> code");
  return {
    name: "transform",
    description: `two-step transformation of 2–5 made-up words (${program.name})`,
    makeProgram: () => new Predict(Encode),
    train: split(sizes.train),
    validation: split(sizes.validation),
    test: split(sizes.test),
    metric: (ex: Example, prediction: Prediction) => (String(prediction.code ?? "").trim() === String(ex.code) ? 1 : 0),
    statedInstruction: `${Encode.instructions} ${program.stated}`,
    program: program.name,
  };
}
