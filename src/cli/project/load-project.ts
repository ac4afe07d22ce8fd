import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ProjectError } from "../../errors/project-error.js";
import type { Module } from "../../primitives/module.js";
import type { ProjectConfig } from "./define-config.js";
import { validateConfig } from "./validate-config.js";

/** Imports an ES module by file URL (the CLI's process imports TypeScript through tsx's loader). */
export type ImportModule = (url: string) => Promise<Record<string, unknown>>;

/** A loaded, validated project: its config, resolved paths, and how to build a fresh program. */
export interface Project {
  /** The project file. */
  file: string;
  /** The folder it is in; relative paths in it resolve from here. */
  dir: string;
  config: ProjectConfig;
  runDir: string;
  artifactsDir: string;
  /** sha256 of the program module's source and the program version: a changed program makes artifacts stale. */
  programHash: string;
  sliceField: string;
  makeProgram(): Module;
}

export const PROJECT_FILE = "tsdspy.config.ts";

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function isModule(value: unknown): value is Module {
  return typeof value === "object" && value !== null && typeof (value as Module).namedPredictors === "function";
}

async function programFactory(config: ProjectConfig, dir: string, importModule: ImportModule, file: string): Promise<() => Module> {
  const path = resolve(dir, config.program.module);
  if (!existsSync(path)) {
    throw new ProjectError(`program.module in ${file} points to ${path}, which does not exist; fix the path (relative to the project file).`, { file });
  }
  let loaded: Record<string, unknown>;
  try {
    loaded = await importModule(pathToFileURL(path).href);
  } catch (error) {
    throw new ProjectError(`The program module ${path} failed to load: ${messageOf(error)}`, { file: path, cause: error });
  }
  const exported = loaded[config.program.export];
  if (typeof exported !== "function") {
    const names = Object.keys(loaded).join(", ") || "nothing";
    throw new ProjectError(`${path} has no export "${config.program.export}" to build the program from (it exports ${names}); fix program.export in ${file}.`, { file });
  }
  const isClass = /^class[\s{]/.test(Function.prototype.toString.call(exported));
  return () => {
    const program = isClass ? new (exported as new () => unknown)() : (exported as () => unknown)();
    if (!isModule(program)) {
      throw new ProjectError(`program.export "${config.program.export}" of ${path} must be a Module class or a function returning a Module.`, { file });
    }
    return program;
  };
}

/**
 * Loads `tsdspy.config.ts` (or `configPath`), checks it has the shape `defineConfig` types, and resolves its paths.
 * Every problem is a `ProjectError` naming the file and the field to fix.
 */
export async function loadProject(options: { cwd: string; configPath?: string | undefined; importModule: ImportModule }): Promise<Project> {
  const file = resolve(options.cwd, options.configPath ?? PROJECT_FILE);
  if (!existsSync(file)) {
    throw new ProjectError(
      options.configPath
        ? `The project file ${file} does not exist; check --config.`
        : `No ${PROJECT_FILE} in ${options.cwd}; run \`tsdspy init\` to create one, or pass --config <file>.`,
      { file },
    );
  }
  let loaded: Record<string, unknown>;
  try {
    loaded = await options.importModule(pathToFileURL(file).href);
  } catch (error) {
    const hint = /require\(\) ES Module|Cannot use import statement/.test(messageOf(error)) ? ' (is "type": "module" set in package.json?)' : "";
    throw new ProjectError(`The project file ${file} failed to load${hint}; fix it and run again: ${messageOf(error)}`, { file, cause: error });
  }
  const problems = validateConfig(loaded.default);
  if (problems.length) {
    throw new ProjectError(`The project file ${file} does not match defineConfig's type:\n${problems.map((p) => `  - ${p}`).join("\n")}`, { file });
  }
  const config = loaded.default as ProjectConfig;
  const dir = dirname(file);
  const at = (path: string) => (isAbsolute(path) ? path : resolve(dir, path));
  const programPath = at(config.program.module);
  const makeProgram = await programFactory(config, dir, options.importModule, file);
  const programHash = `sha256:${createHash("sha256").update(config.programVersion).update("\n").update(readFileSync(programPath)).digest("hex")}`;
  return {
    file,
    dir,
    config,
    runDir: at(config.runDir ?? "runs"),
    artifactsDir: at(config.artifacts?.dir ?? "artifacts"),
    programHash,
    sliceField: config.slices?.field ?? "slice",
    makeProgram,
  };
}
