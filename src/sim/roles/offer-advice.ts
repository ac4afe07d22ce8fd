import { induceTextOps } from "../induce-text-ops.js";
import { describeTextForm } from "../text-ops.js";
import { clip, FULL_LEXICON, wordTokens, type Lexicon } from "../text-tokens.js";
import { keywordSentence } from "./induce-task.js";

/** One module call in a trajectory, as SIMBA and Refine show it (`{module_name, inputs, outputs}`). */
interface Step {
  module_name: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

/** What an advice prompt shows (SIMBA's and Refine's `OfferFeedback`). */
export interface AdviceInputs {
  moduleNames: string[];
  better: Step[];
  worse: Step[];
  /** Labels of the example, when the prompt shows them (SIMBA's `oracle_metadata`). */
  oracle: Record<string, unknown>;
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function steps(value: unknown): Step[] {
  if (!Array.isArray(value)) return [];
  return value.filter((s): s is Step => !!s && typeof s === "object" && typeof (s as Step).module_name === "string");
}

/** Reads the JSON-rendered inputs of an `OfferFeedback` prompt (SIMBA: better/worse; Refine: one trajectory). */
export function readAdviceInputs(query: Record<string, { text: string; value: unknown } | undefined>): AdviceInputs {
  const text = (name: string) => query[name]?.text;
  const names = query.module_names?.value;
  const list = Array.isArray(names) ? names.map(String) : ((parseJson(text("module_names")) as string[] | undefined) ?? []);
  const oracle = parseJson(text("oracle_metadata"));
  return {
    moduleNames: list,
    better: steps(parseJson(text("better_program_trajectory"))),
    worse: steps(parseJson(text("worse_program_trajectory") ?? text("program_trajectory"))),
    oracle: oracle && typeof oracle === "object" && !Array.isArray(oracle) ? (oracle as Record<string, unknown>) : {},
  };
}

const REASONING = /^(reasoning|rationale|thoughts?)$/i;

function str(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Words the better step's own reasoning shares with its inputs: the evidence it used (longest first, up to three). */
function evidence(step: Step, input: string, lexicon: Lexicon): string[] {
  const reasoning = Object.entries(step.outputs).filter(([k]) => REASONING.test(k)).map(([, v]) => str(v)).join(" ");
  const inputWords = wordTokens(input).filter((t) => !lexicon.isStopword(t.norm) && !/^\d+$/.test(t.norm) && t.norm.length > 2);
  const reasoned = new Set(wordTokens(reasoning).map((t) => t.norm));
  const shared = inputWords.filter((t) => reasoned.has(t.norm));
  const pool = shared.length > 0 ? shared : inputWords;
  const seen = new Set<string>();
  return pool
    .filter((t) => !seen.has(t.norm) && seen.add(t.norm))
    .sort((a, b) => b.text.length - a.text.length)
    .slice(0, shared.length > 0 ? 3 : 2)
    .map((t) => t.text.toLowerCase());
}

/**
 * The advice role (SIMBA's and Refine's `OfferFeedback`): for each module, where the better trajectory's output
 * differs from the worse one's — the better value, or the example's label when the prompt shows it — a rule that
 * sends inputs with the words the better step relied on to that value (a text form when one turns the input into
 * it); with no better trajectory (Refine), advice not to repeat the value that scored below the threshold.
 */
export function offerAdvice(inputs: AdviceInputs, lexicon: Lexicon = FULL_LEXICON): { discussion: string; advice: Record<string, string> } {
  const advice: Record<string, string> = {};
  const blame: string[] = [];
  for (const name of inputs.moduleNames) {
    const good = inputs.better.filter((s) => s.module_name === name).at(-1);
    const bad = inputs.worse.filter((s) => s.module_name === name).at(-1);
    const step = good ?? bad;
    if (!step) {
      advice[name] = "N/A";
      continue;
    }
    const field = Object.keys(step.outputs).find((k) => !REASONING.test(k));
    const mainInput = Object.entries(step.inputs).find(([k]) => !/hint|advice/i.test(k));
    if (!field || !mainInput) {
      advice[name] = "N/A";
      continue;
    }
    const [inputName, inputValue] = mainInput;
    const badValue = bad ? str(bad.outputs[field]) : undefined;
    if (!good) {
      advice[name] = badValue !== undefined ? `Do not answer "${clip(badValue, 12)}" for \`${field}\`; give a different answer for this input.` : "N/A";
      blame.push(`\`${name}\` produced \`${field}\` = "${clip(badValue ?? "", 12)}", which scored below the target.`);
      continue;
    }
    const oracle = inputs.oracle[field];
    const goodValue = oracle !== undefined && oracle !== null ? str(oracle) : str(good.outputs[field]);
    if (badValue === goodValue) {
      advice[name] = `Keep producing \`${field}\` as in the better run.`;
      continue;
    }
    blame.push(`\`${name}\` gave \`${field}\` = "${clip(badValue ?? "", 12)}" in the worse run but "${clip(goodValue, 12)}" in the better one.`);
    const ops = typeof inputValue === "string" ? induceTextOps([{ input: inputValue, output: goodValue }]) : null;
    if (ops && ops.length <= 2) {
      advice[name] = describeTextForm(ops, inputName, field);
      continue;
    }
    const words = evidence(good, str(inputValue), lexicon);
    advice[name] = words.length > 0 ? keywordSentence(inputName, words, field, goodValue) : `Produce \`${field}\` = "${clip(goodValue, 12)}" for inputs like this one.`;
  }
  const discussion = blame.length > 0 ? blame.join(" ") : "Both runs behave the same way; no module is clearly to blame.";
  return { discussion, advice };
}
