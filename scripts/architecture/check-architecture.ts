import { existsSync } from "node:fs";
import { relative } from "node:path";
import { importGraph, type SourceFile } from "./import-graph.js";

/** Folder → the folders it may import (besides itself). Files at the root of the tree are composition roots. */
export type LayerTable = Readonly<Record<string, readonly string[]>>;

/** What is wrong with a tree against a layer table; every list empty means the tree follows the table. */
export interface ArchitectureReport {
  /** Imports against the direction of the table, one line each: `file:line -> target (kind): from may not import to`. */
  violations: string[];
  /** Allowances in the table that no import uses: `from -> to`. */
  unusedAllowances: string[];
  /** Folders with files that the table does not list. */
  missingFolders: string[];
  /** Folders the table lists that do not exist. */
  staleFolders: string[];
  /** Cycles between folders in the table itself: `a -> b -> a`. */
  tableCycles: string[];
  /** Cycles between files (eager and dynamic imports; types are left out). */
  fileCycles: string[];
  /** Relative imports of files that do not exist. */
  unresolved: string[];
  /** `import(expr)` with a computed specifier, which the checker cannot follow. */
  computedImports: string[];
}

const ROOT_FOLDER = ".";

/** The folder a root-relative path belongs to (`"."` for files at the root). */
export function folderOf(path: string): string {
  const slash = path.indexOf("/");
  return slash < 0 ? ROOT_FOLDER : path.slice(0, slash);
}

function tableCycles(table: LayerTable): string[] {
  const cycles: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (folder: string, path: string[]) => {
    if (state.get(folder) === "done") return;
    if (state.get(folder) === "visiting") {
      cycles.push([...path.slice(path.indexOf(folder)), folder].join(" -> "));
      return;
    }
    state.set(folder, "visiting");
    for (const to of table[folder] ?? []) visit(to, [...path, folder]);
    state.set(folder, "done");
  };
  for (const folder of Object.keys(table)) visit(folder, []);
  return cycles;
}

function fileCycles(graph: readonly SourceFile[], root: string): string[] {
  const byFile = new Map(graph.map((f) => [f.file, f.imports.filter((ref) => ref.kind !== "type" && ref.target).map((ref) => ref.target!)]));
  const state = new Map<string, "visiting" | "done">();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "visiting") {
      cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(root, f)).join(" -> "));
      return;
    }
    state.set(file, "visiting");
    for (const target of byFile.get(file) ?? []) if (byFile.has(target)) visit(target, [...path, file]);
    state.set(file, "done");
  };
  for (const file of byFile.keys()) visit(file, []);
  return cycles;
}

/**
 * Checks a source tree against a layer table: every import form (static, `export … from`, side-effect, dynamic,
 * type-only) must follow the table; every allowance must be used; every folder must be listed; the table must be
 * acyclic; no file cycles. Files at the root of the tree (e.g. `src/index.ts`) may import anything, and nothing may
 * import them (nor the package by name, `packageName`). Pass `graph` when `importGraph(root)` was already read.
 */
export function checkArchitecture(
  root: string,
  table: LayerTable,
  options: { packageName?: string; graph?: readonly SourceFile[] } = {},
): ArchitectureReport {
  const graph = options.graph ?? importGraph(root);
  const report: ArchitectureReport = {
    violations: [],
    unusedAllowances: [],
    missingFolders: [],
    staleFolders: [],
    tableCycles: tableCycles(table),
    fileCycles: fileCycles(graph, root),
    unresolved: [],
    computedImports: [],
  };
  const used = new Set<string>();
  const folders = new Set<string>();
  for (const source of graph) {
    const from = folderOf(source.path);
    if (from !== ROOT_FOLDER) folders.add(from);
    for (const line of source.computedImports) report.computedImports.push(`${source.path}:${line}`);
    for (const ref of source.imports) {
      const where = `${source.path}:${ref.line}`;
      if (ref.target === null) {
        const name = options.packageName;
        if (name && (ref.specifier === name || ref.specifier.startsWith(`${name}/`))) {
          report.violations.push(`${where} -> ${ref.specifier} (${ref.kind}): the library may not import itself by package name`);
        }
        continue;
      }
      if (!existsSync(ref.target)) {
        report.unresolved.push(`${where} -> ${ref.specifier}`);
        continue;
      }
      const targetPath = relative(root, ref.target).split(/[\\/]/).join("/");
      const to = folderOf(targetPath);
      if (from === ROOT_FOLDER) continue;
      if (to === ROOT_FOLDER) {
        report.violations.push(`${where} -> ${targetPath} (${ref.kind}): nothing may import the root file ${targetPath}`);
      } else if (to !== from) {
        if ((table[from] ?? []).includes(to)) used.add(`${from} -> ${to}`);
        else report.violations.push(`${where} -> ${targetPath} (${ref.kind}): ${from} may not import ${to}`);
      }
    }
  }
  for (const [from, targets] of Object.entries(table)) {
    for (const to of targets) if (!used.has(`${from} -> ${to}`)) report.unusedAllowances.push(`${from} -> ${to}`);
  }
  report.missingFolders = [...folders].filter((f) => !(f in table)).sort();
  report.staleFolders = Object.keys(table).filter((f) => !folders.has(f));
  return report;
}
