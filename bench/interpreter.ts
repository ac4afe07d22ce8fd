/**
 * The Python sandbox's costs: a cold start of `PythonInterpreter` (worker thread + Pyodide load, measured 3 times,
 * each a fresh interpreter), then the per-execution overhead of a warm one (a trivial program, a program with
 * output, a call to a TypeScript tool, a caught exception) and `reset()` between programs.
 *
 *   npx tsx bench/interpreter.ts
 */
import { measure } from "./shared/measure.js";
import { PythonInterpreter } from "../src/index.js";

console.log("PythonInterpreter (Pyodide in a worker thread; node " + process.version + ")");
const colds: number[] = [];
for (let i = 0; i < 3; i++) {
  const python = new PythonInterpreter();
  const start = performance.now();
  await python.execute("1");
  colds.push(performance.now() - start);
  await python.shutdown();
}
colds.sort((a, b) => a - b);
console.log(`${"cold start (first execute)".padEnd(40)} median ${(colds[1]! / 1000).toFixed(2).padStart(7)} s    runs ${colds.map((t) => (t / 1000).toFixed(2)).join(", ")} s`);

const python = new PythonInterpreter({ tools: { add: { parameters: [{ name: "a", type: "int" }, { name: "b", type: "int" }], call: ({ a, b }) => Number(a) + Number(b) } } });
await python.start();
await measure("execute('1')", () => python.execute("1"), 2_000, 200);
await measure("execute(print of 100 numbers)", () => python.execute("print(list(range(100)))"), 2_000, 200);
await measure("execute(one TypeScript tool call)", () => python.execute("add(a=1, b=2)"), 2_000, 200);
await measure("execute(raises ZeroDivisionError)", () => python.execute("1 / 0").catch(() => undefined), 2_000, 200);
await measure("reset()", () => python.reset(), 1_000, 100);
const memory = await python.memoryUsage();
console.log(`${"Python heap after the runs".padEnd(40)} ${(memory.pythonHeapBytes / 2 ** 20).toFixed(1)} MiB`);
await python.shutdown();
