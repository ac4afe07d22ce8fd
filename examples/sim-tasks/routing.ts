// Synthetic task 1 — classification with a keyword rule: a message goes to one of four queues, decided by one signal
// word it contains; the rest of the message is filler. Some signal words are rare, so a few demos cannot cover them
// all, while an instruction that states the keyword rule covers every one. All words are made up (seeded).
import { Example, Predict, signature, type Prediction } from "tsdspy";
import { PythonRandom } from "tsdspy/python";
import { PseudoWords } from "./pseudo-words.js";
import type { SimTask } from "./sim-task.js";

const QUEUES = 4;
const SIGNALS_PER_QUEUE = 5;
/** How often each of a queue's signal words is drawn: the first is common, the last ones rare. */
const SIGNAL_WEIGHTS = [8, 4, 2, 1, 1];
const FILLER_WORDS = 150;
const FUNCTION_WORDS = ["the", "a", "of", "and", "with", "for", "on", "in", "to", "near"];

export interface RoutingOptions {
  seed?: number;
  sizes?: { train: number; validation: number; test: number };
}

export function makeRoutingTask(options: RoutingOptions = {}): SimTask & { queues: string[]; signals: Record<string, string[]> } {
  const rng = new PythonRandom(options.seed ?? 1);
  const words = new PseudoWords(rng);
  const queues = words.many(QUEUES);
  const signals: Record<string, string[]> = Object.fromEntries(queues.map((q) => [q, words.many(SIGNALS_PER_QUEUE)]));
  const filler = words.many(FILLER_WORDS);
  const sizes = options.sizes ?? { train: 48, validation: 32, test: 48 };

  const message = (): { message: string; route: string } => {
    const route = rng.choice(queues);
    const signal = rng.choices(signals[route]!, { weights: SIGNAL_WEIGHTS })[0]!;
    const body: string[] = [];
    const length = rng.randint(5, 8);
    for (let i = 0; i < length; i++) body.push(rng.random() < 0.3 ? rng.choice(FUNCTION_WORDS) : rng.choice(filler));
    body.splice(rng.randint(0, body.length), 0, signal);
    return { message: body.join(" "), route };
  };
  const split = (n: number) => Array.from({ length: n }, () => new Example(message()).withInputs("message"));
  const train = split(sizes.train);
  const validation = split(sizes.validation);
  const test = split(sizes.test);

  const literal = queues.map((q) => `'${q}'`).join(", ");
  const Route = signature(`message -> route: Literal[${literal}]`);
  const rules = queues.map((q) => `If the \`message\` mentions ${signals[q]!.map((w) => `"${w}"`).join(", ")}, set \`route\` to "${q}".`);
  return {
    name: "routing",
    description: "classification: 4 made-up queues, one signal word per message (5 per queue, some rare), 5–8 filler words",
    makeProgram: () => new Predict(Route),
    train,
    validation,
    test,
    metric: (example: Example, prediction: Prediction) => (String(prediction.route) === String(example.route) ? 1 : 0),
    statedInstruction: `${Route.instructions} ${rules.join(" ")}`,
    queues,
    signals,
  };
}
