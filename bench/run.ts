// `npm run bench`: every benchmark of the per-call path, one after the other, each in its own process.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const scripts = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.endsWith(".test.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  // The targets' summary (met / not met) comes last.
  .sort((a, b) => Number(a === "targets.ts") - Number(b === "targets.ts") || a.localeCompare(b));
let failed = 0;
for (const script of scripts) {
  console.log(`\n=== bench/${script} ===`);
  const run = spawnSync(process.execPath, ["--import", "tsx", join(here, script)], { stdio: "inherit" });
  if (run.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
