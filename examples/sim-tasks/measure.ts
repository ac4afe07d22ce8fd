// Measures the simulator on the support demo and on the synthetic tasks, with every rule on and with each rule
// switched off, so that each rule can be seen to help or hurt the synthetic tasks the way it does the demo
// (docs/sim.md, "Rules, measured"). `npx tsx --conditions=source examples/sim-tasks/measure.ts [--seeds 1,2,3]
// [--rules all|none|name,a+b,…] [--protocols zero,fewshot,bootstrap,stated,noisy] [--tasks routing,lookup,…]` prints a
// markdown table: one row per rule switched off (`a+b`: several together), test scores averaged over the seeds.
import {
  BootstrapFewShotWithRandomSearch,
  configure,
  Evaluate,
  LabeledFewShot,
  type Example,
  type Module,
  type ProgressStream,
} from "tsdspy";
import { SIM_RULES, SimLM, type SimRule } from "tsdspy/sim";
import { loadTickets } from "../support/load-tickets.js";
import { resolutionQuality } from "../support/metric.js";
import { SupportPipeline } from "../support/program.js";
import { makeLookupTask } from "./lookup.js";
import { makeRoutingTask } from "./routing.js";
import type { SimTask } from "./sim-task.js";
import { makeTransformTask } from "./transform.js";

const quiet: ProgressStream = { write: () => true };

export type Protocol = "zero" | "fewshot" | "bootstrap" | "stated" | "noisy";
export const PROTOCOLS: readonly Protocol[] = ["zero", "fewshot", "bootstrap", "stated", "noisy"];

/** Two sentences with nothing for any task in them (what the `distraction` rule reacts to). */
export const IRRELEVANT = "Imagine a quiet harbour at dawn. Remember that violets bloom in early spring.";

/** The support demo as a task (its own splits and metric; it states no rule, so `stated` is its own instruction). */
export function supportTask(): SimTask {
  const splits = loadTickets();
  return {
    name: "support demo",
    description: "the README demo's dataset (examples/support)",
    makeProgram: () => new SupportPipeline(),
    train: splits.train as Example[],
    validation: splits.validation as Example[],
    test: splits.test as Example[],
    metric: resolutionQuality as unknown as SimTask["metric"],
    statedInstruction: "",
  };
}

function withInstruction(program: Module, instruction: string): Module {
  for (const [, predictor] of program.namedPredictors()) {
    const p = predictor as unknown as { signature: { withInstructions(text: string): unknown } };
    p.signature = p.signature.withInstructions(instruction) as typeof p.signature;
  }
  return program;
}

async function evaluate(task: SimTask, program: Module): Promise<number> {
  const evaluator = new Evaluate({ devset: task.test, metric: task.metric as never, numThreads: 8, displayProgress: false, output: quiet });
  return (await evaluator.call(program as never)).score;
}

/** The test score of one protocol on one task with the given rules switched off. */
export async function measure(task: SimTask, protocol: Protocol, disableRules: readonly SimRule[] = []): Promise<number | null> {
  configure({ lm: new SimLM({ disableRules }) });
  switch (protocol) {
    case "zero":
      return evaluate(task, task.makeProgram());
    case "fewshot": {
      const compiled = await new LabeledFewShot({ k: 4 }).compile(task.makeProgram(), { trainset: task.train });
      return evaluate(task, compiled);
    }
    case "bootstrap": {
      const optimizer = new BootstrapFewShotWithRandomSearch({
        metric: task.metric as never,
        maxBootstrappedDemos: 4,
        maxLabeledDemos: 4,
        numCandidatePrograms: 6,
        metricThreshold: 1.0,
        numThreads: 8,
        output: quiet,
        displayProgress: false,
      });
      const compiled = await optimizer.compile(task.makeProgram(), { trainset: task.train, valset: task.validation });
      return evaluate(task, compiled);
    }
    case "stated":
      return task.statedInstruction ? evaluate(task, withInstruction(task.makeProgram(), task.statedInstruction)) : null;
    case "noisy":
      return task.statedInstruction ? evaluate(task, withInstruction(task.makeProgram(), `${task.statedInstruction} ${IRRELEVANT}`)) : null;
  }
}

export function syntheticTasks(seed: number): SimTask[] {
  return [makeRoutingTask({ seed }), makeTransformTask({ seed }), makeLookupTask({ seed })];
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

async function main(): Promise<void> {
  const seeds = argument("seeds", "1,2,3").split(",").map(Number);
  const protocols = argument("protocols", PROTOCOLS.join(",")).split(",") as Protocol[];
  const ruleArg = argument("rules", "all");
  // `--rules a,b+c`: one row per comma-separated entry; `+` switches several rules off together.
  const ablations: Array<SimRule[] | null> =
    ruleArg === "none" ? [null] : [null, ...(ruleArg === "all" ? SIM_RULES.map((r) => [r]) : ruleArg.split(",").map((entry) => entry.split("+") as SimRule[]))];
  const started = performance.now();
  const names = argument("tasks", "support demo,routing,transform,lookup").split(",");
  const header = `| rule off | ${names.flatMap((n) => protocols.map((p) => `${n}: ${p}`)).join(" | ")} |`;
  console.log(header);
  console.log(`|${"---|".repeat(1 + names.length * protocols.length)}`);
  for (const rule of ablations) {
    const cells: string[] = [];
    for (const name of names) {
      for (const protocol of protocols) {
        const scores: number[] = [];
        for (const seed of name === "support demo" ? [0] : seeds) {
          const task = name === "support demo" ? supportTask() : syntheticTasks(seed).find((t) => t.name === name)!;
          const score = await measure(task, protocol, rule ?? []);
          if (score !== null) scores.push(score);
        }
        cells.push(scores.length ? mean(scores).toFixed(1) : "–");
      }
    }
    console.log(`| ${rule ? rule.join(" + ") : "(none: all rules on)"} | ${cells.join(" | ")} |`);
  }
  console.error(`measured in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) await main();


