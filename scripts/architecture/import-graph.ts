import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/**
 * How a file refers to another: `static` (`import { a } from`), `export` (`export { a } from`, `export * from`),
 * `side-effect` (`import "./x.js"`), `dynamic` (`import("./x.js")`), `type` (`import type`, `export type`,
 * `typeof import("./x.js")`). All but `type` and `dynamic` load the target when the importing file loads.
 */
export type ImportKind = "static" | "export" | "side-effect" | "dynamic" | "type";

/** One reference from a source file to a module. */
export interface ImportRef {
  /** The specifier as written. */
  specifier: string;
  kind: ImportKind;
  /** 1-based line of the reference. */
  line: number;
  /** The `.ts` file a relative specifier points to (absolute), else `null` (a package). */
  target: string | null;
}

/** A source file and what it imports. */
export interface SourceFile {
  /** Absolute path. */
  file: string;
  /** Path relative to the root, with `/` separators. */
  path: string;
  imports: ImportRef[];
  /** `import(expr)` calls whose specifier is not a string literal (the checker cannot follow them). */
  computedImports: number[];
}

/** Test files, shared suites and fixtures: they may reach across layers and are not part of the library. */
export function isLibraryFile(path: string): boolean {
  return /\.ts$/.test(path) && !/\.d\.ts$/.test(path) && !/\.test(-d)?\.ts$/.test(path) && !/\.case\.ts$/.test(path);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === "__fixtures__" || name === "node_modules" ? [] : listFiles(path);
      return [path];
    });
}

function lineOf(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

/** Every import form in one file's text, found with the TypeScript parser (comments and strings are not imports). */
export function importsOfText(fileName: string, text: string): { imports: Omit<ImportRef, "target">[]; computedImports: number[] } {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const imports: Omit<ImportRef, "target">[] = [];
  const computedImports: number[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, kind: ImportKind) => {
    if (specifier && ts.isStringLiteral(specifier)) imports.push({ specifier: specifier.text, kind, line: lineOf(source, node) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      add(node, node.moduleSpecifier, !clause ? "side-effect" : clause.isTypeOnly ? "type" : "static");
    } else if (ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier) add(node, node.moduleSpecifier, node.isTypeOnly ? "type" : "export");
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly ? "type" : "static");
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument)) add(node, argument.literal as ts.Expression, "type");
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [first] = node.arguments;
      if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
        imports.push({ specifier: first.text, kind: "dynamic", line: lineOf(source, node) });
      } else {
        computedImports.push(lineOf(source, node));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, computedImports };
}

/** The `.ts` file a relative specifier names (`./x.js` → `x.ts`, `./dir` → `dir/index.ts`). */
function resolveTarget(from: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const path = resolve(dirname(from), specifier);
  if (/\.js$/.test(path)) return path.replace(/\.js$/, ".ts");
  if (/\.ts$/.test(path)) return path;
  return join(path, "index.ts");
}

/** The library files under `root` (tests, shared suites and `__fixtures__` left out) with their imports. */
export function importGraph(root: string): SourceFile[] {
  return listFiles(root)
    .filter((file) => isLibraryFile(file))
    .map((file) => {
      const { imports, computedImports } = importsOfText(file, readFileSync(file, "utf8"));
      return {
        file,
        path: relative(root, file).split(/[\\/]/).join("/"),
        imports: imports.map((ref) => ({ ...ref, target: resolveTarget(file, ref.specifier) })),
        computedImports,
      };
    });
}

/** Whether an import of this kind loads its target as soon as the importing file loads. */
export function loadsEagerly(kind: ImportKind): boolean {
  return kind === "static" || kind === "export" || kind === "side-effect";
}

/** The files loaded, transitively, when `entry` is loaded (eager imports only: no `import()`, no types). */
export function eagerClosure(graph: readonly SourceFile[], entry: string): string[] {
  const byFile = new Map(graph.map((f) => [f.file, f]));
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const ref of byFile.get(file)?.imports ?? []) if (ref.target && loadsEagerly(ref.kind)) stack.push(ref.target);
  }
  return [...seen].sort();
}
