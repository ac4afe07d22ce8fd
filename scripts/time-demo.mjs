// Wall time of `npm run demo` as a user runs it: a new process each time, so tsx's start-up and TypeScript
// transpilation are included. `node scripts/time-demo.mjs [runs]` prints every run and the median; the first
// pass (`--no-cache`) also transpiles every file from scratch, as on a fresh checkout.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const runs = Number(process.argv[2] ?? 5);
const root = fileURLToPath(new URL("..", import.meta.url));

function time(command, args) {
  const started = process.hrtime.bigint();
  const run = spawnSync(command, args, { cwd: root, stdio: ["ignore", "ignore", "ignore"] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${run.status}`);
  return seconds;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cold = [];
const warm = [];
for (let i = 0; i < runs; i++) {
  cold.push(time("npx", ["tsx", "--no-cache", "examples/support/demo.ts"]));
  warm.push(time("npm", ["run", "demo"]));
}
const fmt = (xs) => xs.map((x) => x.toFixed(2)).join(" ");
console.log(`npm run demo (tsx cache warm), s: ${fmt(warm)}; median ${median(warm).toFixed(2)}`);
console.log(`tsx --no-cache (every file transpiled), s: ${fmt(cold)}; median ${median(cold).toFixed(2)}`);
