import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The import direction between the folders of src/ (STYLE.md). A folder may import itself and the folders listed.
 * Type-only imports follow the same rule: the layering is a design rule, not just a runtime one.
 */
const ALLOWED: Record<string, string[]> = {
  errors: [],
  utils: ["errors", "python"],
  python: ["errors"],
  lm: ["errors"],
  signatures: ["errors", "utils", "python"],
  adapters: ["errors", "utils", "python", "signatures", "lm"],
  providers: ["errors", "utils", "python", "lm"],
  context: ["errors", "utils", "python", "lm", "signatures", "adapters"],
  tools: ["errors", "utils", "python", "lm", "signatures", "adapters", "context"],
  clients: ["errors", "utils", "python", "lm", "context", "providers"],
  primitives: ["errors", "utils", "python", "signatures", "lm", "context"],
  predict: ["errors", "utils", "python", "signatures", "lm", "adapters", "context", "clients", "primitives", "tools"],
  evaluate: ["errors", "utils", "python", "lm", "context", "primitives"],
  release: ["errors", "utils", "python", "context", "primitives", "evaluate"],
  judges: ["errors", "utils", "python", "signatures", "lm", "context", "primitives", "predict", "evaluate"],
  retrievers: ["errors", "utils", "python", "lm", "context", "clients", "primitives", "providers"],
  optimizers: ["errors", "utils", "python", "signatures", "lm", "adapters", "context", "clients", "primitives", "tools", "predict", "evaluate", "retrievers", "judges", "release"],
  testing: ["errors", "utils", "python", "signatures", "lm", "adapters", "context", "clients", "primitives", "tools", "predict"],
  sim: ["errors", "utils", "python", "lm", "clients", "context", "providers"],
  cli: ["errors", "utils", "python", "signatures", "lm", "adapters", "context", "clients", "primitives", "tools", "predict", "evaluate", "optimizers", "retrievers", "judges", "release", "sim", "providers", "testing"],
};

const srcDir = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "__fixtures__" ? [] : sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test(-d)?\.ts$/.test(name) && !/\.case\.ts$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/g)].map((m) => m[1] as string);
  specs.push(...[...text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] as string));
  return specs.filter((s) => s.startsWith("."));
}

const folderOf = (file: string) => relative(srcDir, file).split(/[\\/]/)[0] as string;
const files = sourceFiles(srcDir);
const edges = files.map((file) => ({
  file,
  targets: importsOf(file).map((spec) => resolve(dirname(file), spec).replace(/\.js$/, ".ts")),
}));

describe("architecture", () => {
  it("imports only follow the allowed folder direction", () => {
    const violations: string[] = [];
    for (const { file, targets } of edges) {
      const from = folderOf(file);
      if (from === "index.ts") continue;
      for (const target of targets) {
        const to = folderOf(target);
        if (to === "index.ts") violations.push(`${relative(srcDir, file)} imports src/index.ts`);
        else if (to !== from && !(ALLOWED[from] ?? []).includes(to)) {
          violations.push(`${relative(srcDir, file)} -> ${relative(srcDir, target)} (${from} may not import ${to})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it("every folder of src/ is in the direction table", () => {
    const folders = new Set(files.map(folderOf).filter((f) => f !== "index.ts"));
    expect([...folders].filter((f) => !(f in ALLOWED))).toEqual([]);
  });

  it("has no import cycles between files", () => {
    const graph = new Map(edges.map(({ file, targets }) => [file, targets]));
    const state = new Map<string, "visiting" | "done">();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "visiting") {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(srcDir, f)).join(" -> "));
        return;
      }
      state.set(file, "visiting");
      for (const target of graph.get(file) ?? []) if (graph.has(target)) visit(target, [...path, file]);
      state.set(file, "done");
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
