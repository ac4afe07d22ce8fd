// A child process for GEPA's kill -9 test: runs a recorded GEPA configuration (`gepa-runs/<name>.json`) with `runDir`
// on LMs that answer by request (so the order of calls does not matter), and prints a summary as JSON on stdout.
// With `killAfter`, it kills itself with SIGKILL after that many LM calls (mid-run, no cleanup).
import { readFileSync } from "node:fs";
import { silentLogger } from "../../../context/logger.js";
import { configure } from "../../../context/settings.js";
import { GEPA, type GEPAOptions } from "../gepa.js";
import { ReplayLM } from "./replay-lm.js";
import { dataset, METRICS, PROGRAMS } from "./rule-task.js";
import type { CompactCall } from "./sequence-replay.js";

interface ChildArguments {
  fixture: string;
  runDir: string;
  killAfter?: number;
  budget?: GEPAOptions["budget"];
}

const args = JSON.parse(process.argv[2] ?? "{}") as ChildArguments;
const fixture = JSON.parse(readFileSync(new URL(`./gepa-runs/${args.fixture}.json`, import.meta.url), "utf8")) as {
  program: string;
  metric: string;
  trainset: Array<{ word: string; rule: number; answer: string }>;
  valset: Array<{ word: string; rule: number; answer: string }>;
  options: { max_metric_calls: number; seed: number; reflection_minibatch_size?: number; max_merge_invocations?: number };
  calls: CompactCall[];
  strings: string[];
};
const recorded = (label: string) =>
  fixture.calls
    .filter((call) => call.lm === label)
    .map((call) => ({ messages: call.messages.map((m) => ({ role: m.role, content: fixture.strings[m.content] as string })), outputs: call.outputs.map((i) => fixture.strings[i] as string) })) as never;

let calls = 0;
configure({
  lm: new ReplayLM("task", recorded("task")),
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

const compiled = await new GEPA({
  metric: METRICS[fixture.metric] as GEPAOptions["metric"],
  reflectionLm: new ReplayLM("reflection", recorded("reflection")),
  maxMetricCalls: fixture.options.max_metric_calls,
  seed: fixture.options.seed,
  ...(fixture.options.reflection_minibatch_size ? { reflectionMinibatchSize: fixture.options.reflection_minibatch_size } : {}),
  ...(fixture.options.max_merge_invocations ? { maxMergeInvocations: fixture.options.max_merge_invocations } : {}),
  numThreads: 1,
  trackStats: true,
  runDir: args.runDir,
  ...(args.budget ? { budget: args.budget } : {}),
}).compile(PROGRAMS[fixture.program]!(), { trainset: dataset(fixture.trainset), valset: dataset(fixture.valset) });

const { log_dir: _dir, ...details } = compiled.detailedResults!.toDict();
process.stdout.write(
  JSON.stringify({
    final: compiled.dumpState(),
    details,
    status: compiled.runReport.status,
    spent: compiled.runReport.spent,
    resumedSteps: compiled.runReport.resumedSteps,
    trials: compiled.runReport.trials?.map((t) => [t.trial, t.kind, t.score, t.extra?.outcome]),
    callsHere: calls,
  }),
);
