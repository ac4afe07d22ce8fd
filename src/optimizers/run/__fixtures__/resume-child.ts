// A child process for the kill -9 tests: runs an optimizer with `runDir` on the letter task and prints a summary as
// JSON on stdout. With `killAfter`, it kills itself with SIGKILL after that many LM calls (mid-run, no cleanup).
import { silentLogger } from "../../../context/logger.js";
import { configure } from "../../../context/settings.js";
import { SimpleModule } from "../../__fixtures__/simple-module.js";
import { BootstrapFewShotWithRandomSearch } from "../../random-search/bootstrap-few-shot-with-random-search.js";
import { letterExamples, letterLM, letterMetric } from "./letter-task.js";

interface ChildArguments {
  optimizer: "BootstrapRS";
  runDir: string;
  killAfter?: number;
}

const args = JSON.parse(process.argv[2] ?? "{}") as ChildArguments;
const lm = letterLM();
let calls = 0;
configure({
  lm,
  logger: silentLogger,
  callbacks: [
    {
      onLmEnd: () => {
        calls++;
        if (args.killAfter !== undefined && calls >= args.killAfter) process.kill(process.pid, "SIGKILL");
      },
    },
  ],
});
const quiet = { write: () => true };
const examples = letterExamples();
const trainset = examples.slice(0, 20);
const valset = examples.slice(20);

const best = await new BootstrapFewShotWithRandomSearch({
  metric: letterMetric,
  maxBootstrappedDemos: 3,
  maxLabeledDemos: 4,
  numCandidatePrograms: 4,
  displayProgress: false,
  output: quiet,
  runDir: args.runDir,
  trackStats: true,
}).compile(new SimpleModule("word -> label"), { trainset, valset });

process.stdout.write(
  JSON.stringify({
    state: best.dumpState(),
    candidates: best.candidatePrograms.map((c) => [c.seed, c.score]),
    spent: best.runReport.spent,
    resumedSteps: best.runReport.resumedSteps,
    trials: best.runReport.trials?.map((t) => [t.trial, t.score, t.lmCalls]),
    callsHere: calls,
  }),
);
