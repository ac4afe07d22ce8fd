// A child process for the kill -9 tests: runs `runLetterOptimizer` and prints its summary as JSON on stdout. With
// `killAfter`, it kills itself with SIGKILL after that many LM calls (mid-run, no cleanup).
import { runLetterOptimizer, type LetterRunArguments } from "./letter-run.js";

const args = JSON.parse(process.argv[2] ?? "{}") as LetterRunArguments & { killAfter?: number };
const summary = await runLetterOptimizer({
  ...args,
  onLmCall: (calls) => {
    if (args.killAfter !== undefined && calls >= args.killAfter) process.kill(process.pid, "SIGKILL");
  },
});
process.stdout.write(JSON.stringify(summary));
