// Synthetic task 3 — extraction from titled passages: a request (with a case number) asks for the code kept in one
// of three titled records; which record is meant follows from the request's made-up words, not from word overlap
// with the record. The answer names the case, the code and the record's title, so it has the same shape as the
// support demo's resolutions (identifiers from both inputs, a title from the relevant passage) in other words.
import { ChainOfThought, Example, signature, type Prediction } from "tsdspy";
import { PythonRandom } from "tsdspy/python";
import { capitalize, PseudoWords } from "./pseudo-words.js";
import type { SimTask } from "./sim-task.js";

const KINDS = 4;
const CUES_PER_KIND = 2;

export interface LookupOptions {
  seed?: number;
  sizes?: { train: number; validation: number; test: number };
}

export function makeLookupTask(options: LookupOptions = {}): SimTask & { titles: string[]; cues: Record<string, string[]> } {
  const rng = new PythonRandom(options.seed ?? 1);
  const words = new PseudoWords(rng);
  const titles = words.many(KINDS).map((w) => `${capitalize(w)} ${capitalize(words.next())}`);
  const cues: Record<string, string[]> = Object.fromEntries(titles.map((t) => [t, words.many(CUES_PER_KIND)]));
  const filler = words.many(80);
  const sizes = options.sizes ?? { train: 32, validation: 24, test: 32 };
  const letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  const code = () => `${rng.choice([...letters])}${rng.choice([...letters])}-${rng.randint(1000, 9999)}`;
  const sentence = (n: number) => Array.from({ length: n }, () => rng.choice(filler)).join(" ");

  const example = () => {
    const chosen = rng.sample(titles, 3);
    const target = chosen[0]!;
    rng.shuffle(chosen);
    const codes = new Map(chosen.map((t) => [t, code()]));
    const records = chosen.map((t) => `${t}: the ${sentence(2)} of ${sentence(1)} is kept under ${codes.get(t)}.`).join("\n");
    const caseNumber = `#${rng.randint(1000, 9999)}`;
    const request = `Case ${caseNumber}: ${sentence(2)} ${rng.choice(cues[target]!)} ${sentence(2)}?`;
    const answer = `Case ${caseNumber}: code ${codes.get(target)} (${target}).`;
    return new Example({ records, request, answer, title: target, code: codes.get(target)!, caseNumber }).withInputs("records", "request");
  };
  const split = (n: number) => Array.from({ length: n }, example);
  const Lookup = signature({
    name: "Lookup",
    instructions: "Answer the request with the code kept in the matching record.",
    inputs: { records: { type: "str", desc: "Titled records, one per line" }, request: { type: "str", desc: "The request" } },
    outputs: { answer: { type: "str", desc: "The case, the code and the record's title" } },
  });
  const rules = titles.map((t) => `If the \`request\` mentions ${cues[t]!.map((c) => `"${c}"`).join(", ")}, use the passage titled "${t}".`);
  return {
    name: "lookup",
    description: "extraction: 3 titled records of 4 made-up kinds, the request's made-up cue word picks the record",
    makeProgram: () => new ChainOfThought(Lookup),
    train: split(sizes.train),
    validation: split(sizes.validation),
    test: split(sizes.test),
    metric: (ex: Example, prediction: Prediction) => {
      const text = String(prediction.answer ?? "");
      let score = 0;
      if (text.includes(String(ex.code))) score += 0.4;
      if (text.toLowerCase().includes(String(ex.title).toLowerCase())) score += 0.3;
      if (text.includes(String(ex.caseNumber))) score += 0.3;
      return Math.round(score * 100) / 100;
    },
    statedInstruction: `${Lookup.instructions} ${rules.join(" ")}`,
    titles,
    cues,
  };
}
