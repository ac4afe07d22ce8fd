import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const srcDir = dirname(fileURLToPath(import.meta.url));
const hooks = pathToFileURL(join(srcDir, "../scripts/architecture/record-module-loads.mjs")).href;
const work = mkdtempSync(join(tmpdir(), "tsdspy-cold-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The module URLs a fresh Node process loads while running `script` (an ES module body). */
function urlsLoadedBy(name: string, script: string): string[] {
  const out = join(work, `${name}.txt`);
  const body = [
    'import { register } from "node:module";',
    `register(${JSON.stringify(hooks)}, { data: { out: ${JSON.stringify(out)} } });`,
    `const root = ${JSON.stringify(pathToFileURL(join(srcDir, "index.ts")).href)};`,
    script,
  ].join("\n");
  execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", body], { cwd: join(srcDir, ".."), stdio: ["ignore", "ignore", "inherit"] });
  return [...new Set(readFileSync(out, "utf8").split("\n"))];
}

/** The files under src/ that a fresh Node process loads while running `script`. */
function modulesLoadedBy(name: string, script: string): string[] {
  const prefix = pathToFileURL(srcDir).href + "/";
  return urlsLoadedBy(name, script).filter((url) => url.startsWith(prefix)).map((url) => url.slice(prefix.length)).sort();
}

const providerCode = (files: string[]) => files.filter((f) => f.startsWith("providers/") && !/^providers\/(builtin-providers|[^/]+\/[^/]+-registrations?)\.ts$/.test(f));

describe("cold start", () => {
  it("`import { Predict, configure } from \"tsdspy\"` loads no provider code", () => {
    const loaded = modulesLoadedBy("root", 'const { Predict, configure } = await import(root); if (!Predict || !configure) process.exit(1);');
    expect(loaded).toContain("predict/predict.ts");
    expect(loaded).toContain("providers/builtin-providers.ts");
    expect(providerCode(loaded)).toEqual([]);
    // Tracing is opt-in through the tsdspy/otel subpath: nothing of it (nor @opentelemetry/api) loads here.
    expect(loaded.filter((f) => f.startsWith("observability/"))).toEqual([]);
    // Of the CLI, only the project file's types (`defineConfig`): not the commands, commander or the report's charts.
    expect(loaded.filter((f) => f.startsWith("cli/"))).toEqual(["cli/project/define-config.ts"]);
  }, 60_000);

  it("importing ProgramOfThought and PythonInterpreter loads no Pyodide (it loads in the interpreter's worker)", () => {
    const loaded = urlsLoadedBy("code", 'const { ProgramOfThought, PythonInterpreter } = await import(root); new ProgramOfThought("question -> answer"); new PythonInterpreter();');
    expect(loaded.some((url) => url.includes("/interpreters/pyodide/python-interpreter.ts"))).toBe(true);
    expect(loaded.filter((url) => url.includes("/node_modules/pyodide/"))).toEqual([]);
  }, 60_000);

  it("the first LM of a provider loads that provider's code and no other's", () => {
    const loaded = modulesLoadedBy(
      "openai",
      'const { LM } = await import(root); const lm = new LM("openai/gpt-4o-mini", { apiKey: "sk-test" }); await lm.prepare(); if (lm.provider.provider !== "openai") process.exit(1);',
    );
    const code = providerCode(loaded);
    expect(code).toContain("providers/openai/openai-provider.ts");
    expect(code).toContain("providers/openai/openai-chat-model.ts");
    expect(code.filter((f) => !f.startsWith("providers/openai/") && !f.startsWith("providers/shared/"))).toEqual([]);
  }, 60_000);
});
