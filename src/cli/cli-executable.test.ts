import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// `npx tsdspy init && npx tsdspy compile && npx tsdspy gate && npx tsdspy report` in a new folder, as real processes
// through bin/tsdspy.js (tsx loads the project file). Without a built dist/, `tsdspy` in the project resolves to the
// sources through this repository's tsconfig paths (TSX_TSCONFIG_PATH); an installed package resolves to dist/.

const bin = fileURLToPath(new URL("../../bin/tsdspy.js", import.meta.url));
const tsconfig = fileURLToPath(new URL("../../tsconfig.json", import.meta.url));

function tsdspy(cwd: string, ...argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { cwd, env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the tsdspy executable in a new folder", () => {
  it("init && compile && gate && report, offline on the simulator", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tsdspy-npx-"));
    const init = await tsdspy(dir, "init");
    expect(init.code).toBe(0);
    const compile = await tsdspy(dir, "compile", "--model", "sim-2026-01", "--json");
    expect(compile.code).toBe(0);
    expect(JSON.parse(compile.stdout).candidates).toHaveLength(2);
    expect(compile.stderr).toContain("tsdspy compile: randomSearch (BootstrapFewShotWithRandomSearch) × sim-2026-01 …");
    const gate = await tsdspy(dir, "gate", "--model", "sim-2026-01", "--json");
    expect(gate.stderr).toContain("has no evaluation of its current candidates; evaluating on the test split first");
    expect(gate.code).toBe(0);
    expect(JSON.parse(gate.stdout).pass).toBe(true);
    const report = await tsdspy(dir, "report");
    expect(report.code).toBe(0);
    expect(existsSync(join(dir, "runs", "report.html"))).toBe(true);
  }, 180_000);
});
