import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkArchitecture, type LayerTable } from "../scripts/architecture/check-architecture.js";
import { eagerClosure, importGraph, importsOfText } from "../scripts/architecture/import-graph.js";

/**
 * The import direction between the folders of src/: a folder may import itself and the folders listed, nothing else.
 * Every import form counts (static, `export … from`, side-effect, dynamic, type-only), every allowance must be used,
 * and the table must be acyclic. `docs/architecture.md` shows the same table (a test below compares them). Files at
 * the root of src/ (`index.ts`) are the composition root: they may import anything and nothing imports them.
 */
const ALLOWED: LayerTable = {
  errors: [],
  python: ["errors"],
  utils: ["errors", "python"],
  lm: [],
  signatures: ["errors", "python"],
  adapters: ["errors", "python", "lm", "signatures"],
  context: ["errors", "utils", "python", "lm", "adapters"],
  clients: ["errors", "utils", "python", "lm", "context"],
  providers: ["errors", "utils", "lm", "clients"],
  primitives: ["errors", "utils", "python", "lm", "context"],
  tools: ["errors", "python", "signatures", "adapters", "context"],
  interpreters: ["errors", "python"],
  predict: ["errors", "utils", "python", "lm", "signatures", "adapters", "context", "primitives", "tools", "interpreters"],
  evaluate: ["errors", "utils", "python", "context", "primitives"],
  release: ["errors", "python", "primitives", "evaluate"],
  judges: ["signatures", "context", "primitives", "predict", "evaluate"],
  retrievers: ["errors", "python", "lm", "context", "primitives"],
  optimizers: ["errors", "utils", "python", "lm", "signatures", "adapters", "context", "primitives", "predict", "evaluate", "retrievers"],
  testing: ["errors", "utils", "lm", "signatures", "adapters", "context", "clients"],
  sim: ["errors", "utils", "python", "lm", "clients"],
  streaming: ["errors", "utils", "python", "lm", "adapters", "context", "primitives"],
  cli: ["errors", "python", "lm", "signatures", "adapters", "context", "primitives", "evaluate", "release", "optimizers", "sim", "streaming"],
  observability: ["lm", "context"],
};

const srcDir = dirname(fileURLToPath(import.meta.url));
const graph = importGraph(srcDir);
const report = checkArchitecture(srcDir, ALLOWED, { packageName: "tsdspy", graph });

describe("architecture of src/", () => {
  it("every import follows the direction table (all import forms)", () => {
    expect(report.violations).toEqual([]);
    expect(report.unresolved).toEqual([]);
    expect(report.computedImports).toEqual([]);
  });

  it("every allowance in the table is used", () => {
    expect(report.unusedAllowances).toEqual([]);
  });

  it("every folder is in the table, and the table names no missing folder", () => {
    expect(report.missingFolders).toEqual([]);
    expect(report.staleFolders).toEqual([]);
  });

  it("the table is acyclic and no files import each other in a cycle", () => {
    expect(report.tableCycles).toEqual([]);
    expect(report.fileCycles).toEqual([]);
  });

  it("docs/architecture.md shows exactly this table", () => {
    const doc = readFileSync(join(srcDir, "../docs/architecture.md"), "utf8");
    expect(layerTableOfDoc(doc)).toEqual(ALLOWED);
  });

  it("importing the package root loads no provider code: only the built-in providers' registrations", () => {
    const loaded = eagerClosure(graph, join(srcDir, "index.ts")).map((f) => f.slice(srcDir.length + 1));
    const fromProviders = loaded.filter((f) => f.startsWith("providers/"));
    expect(fromProviders.filter((f) => !/^providers\/(builtin-providers|[^/]+\/[^/]+-registrations?)\.ts$/.test(f))).toEqual([]);
    expect(fromProviders.length).toBeGreaterThan(0);
  });
});

/** The rows between the `layers:begin` and `layers:end` markers: `| \`folder\` | \`a\`, \`b\` |` (— for none). */
function layerTableOfDoc(doc: string): LayerTable {
  const begin = doc.indexOf("<!-- layers:begin -->");
  const end = doc.indexOf("<!-- layers:end -->");
  if (begin < 0 || end < begin) throw new Error("docs/architecture.md lacks the <!-- layers:begin/end --> markers");
  const table: Record<string, string[]> = {};
  for (const line of doc.slice(begin, end).split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 4 || !/^`[a-z-]+`$/.test(cells[1]!)) continue;
    const names = cells[2] === "—" ? [] : cells[2]!.split(",").map((n) => n.trim().replace(/`/g, ""));
    table[cells[1]!.replace(/`/g, "")] = names;
  }
  return table;
}

describe("the architecture checker", () => {
  const root = mkdtempSync(join(tmpdir(), "tsdspy-arch-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const tree = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(root, "tree-"));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  };
  const table: LayerTable = { low: [], high: ["low"] };

  it("reports a side-effect import against the direction", () => {
    const dir = tree({
      "low/a.ts": 'import "../high/b.js";\nexport const a = 1;\n',
      "high/b.ts": 'import { a } from "../low/a.js";\nexport const b = a;\n',
    });
    const result = checkArchitecture(dir, table);
    expect(result.violations).toEqual(["low/a.ts:1 -> high/b.ts (side-effect): low may not import high"]);
    expect(result.fileCycles).toEqual(["high/b.ts -> low/a.ts -> high/b.ts"]);
  });

  it("reports dynamic, type-only and re-export imports against the direction, and a computed import()", () => {
    const dir = tree({
      "low/a.ts": [
        'export type { B } from "../high/b.js";',
        'import type { B as C } from "../high/b.js";',
        'export { b } from "../high/b.js";',
        "export const load = () => import('../high/b.js');",
        "export type D = typeof import('../high/b.js');",
        "const name = '../high/b.js';",
        "export const computed = () => import(name);",
        "export const c: C | null = null;",
      ].join("\n"),
      "high/b.ts": "export type B = number;\nexport const b = 1;\n",
    });
    const result = checkArchitecture(dir, table);
    expect(result.violations).toEqual([
      "low/a.ts:1 -> high/b.ts (type): low may not import high",
      "low/a.ts:2 -> high/b.ts (type): low may not import high",
      "low/a.ts:3 -> high/b.ts (export): low may not import high",
      "low/a.ts:4 -> high/b.ts (dynamic): low may not import high",
      "low/a.ts:5 -> high/b.ts (type): low may not import high",
    ]);
    expect(result.computedImports).toEqual(["low/a.ts:7"]);
    expect(result.unusedAllowances).toEqual(["high -> low"]);
  });

  it("reports unused allowances, unlisted folders, stale folders, table cycles, imports of the root file and of the package", () => {
    const dir = tree({
      "index.ts": 'export { a } from "./low/a.js";\n',
      "low/a.ts": '// import "../high/b.js" in a comment is not an import\nexport const a = "import(\'../high/b.js\')";\n',
      "high/b.ts": 'import { a } from "../index.js";\nimport "pkg/sub";\nexport const b = a;\n',
      "extra/c.ts": "export const c = 1;\n",
    });
    const result = checkArchitecture(dir, { low: ["high"], high: ["low"], gone: [] }, { packageName: "pkg" });
    expect(result.violations).toEqual([
      "high/b.ts:1 -> index.ts (static): nothing may import the root file index.ts",
      "high/b.ts:2 -> pkg/sub (side-effect): the library may not import itself by package name",
    ]);
    expect(result.unusedAllowances).toEqual(["low -> high", "high -> low"]);
    expect(result.missingFolders).toEqual(["extra"]);
    expect(result.staleFolders).toEqual(["gone"]);
    expect(result.tableCycles).toEqual(["low -> high -> low"]);
  });

  it("follows only eager imports when computing what a file loads", () => {
    const dir = tree({
      "index.ts": 'import "./a/x.js";\nexport type { T } from "./a/t.js";\n',
      "a/x.ts": 'import { y } from "./y.js";\nexport const x = () => import("./lazy.js");\nexport const z = y;\n',
      "a/y.ts": "export const y = 1;\n",
      "a/t.ts": "export type T = 1;\n",
      "a/lazy.ts": "export const lazy = 1;\n",
    });
    const loaded = eagerClosure(importGraph(dir), join(dir, "index.ts")).map((f) => f.slice(dir.length + 1));
    expect(loaded).toEqual(["a/x.ts", "a/y.ts", "index.ts"]);
  });

  it("reads every import form from source text", () => {
    const { imports } = importsOfText(
      "x.ts",
      [
        'import a from "./a.js";',
        'import { type B } from "./b.js";',
        'import type { C } from "./c.js";',
        'import "./d.js";',
        'export * from "./e.js";',
        'export type * from "./f.js";',
        'const g = await import("./g.js");',
      ].join("\n"),
    );
    expect(imports.map((i) => `${i.specifier} ${i.kind}`)).toEqual([
      "./a.js static",
      "./b.js static",
      "./c.js type",
      "./d.js side-effect",
      "./e.js export",
      "./f.js type",
      "./g.js dynamic",
    ]);
  });
});
