import { readFile, rename, writeFile } from "node:fs/promises";
import { extname } from "node:path";
import type { Logger } from "../context/logger.js";
import { DSPyError } from "../errors/dspy-error.js";
import { ValueError } from "../errors/value-error.js";
import { orjsonDumpsIndent2 } from "../python/orjson-dumps.js";
import { parsePyJson } from "../python/py-json.js";

/**
 * The versions recorded in `metadata.dependency_versions`. Python's loader indexes its own versions by these keys,
 * so only `python`, `dspy` and `cloudpickle` may appear; the values are those of a conforming DSPy 3.3.1 install.
 */
export const DEPENDENCY_VERSIONS: Readonly<Record<"python" | "dspy" | "cloudpickle", string>> = Object.freeze({
  python: "3.11",
  dspy: "3.3.1",
  cloudpickle: "3.1",
});

/** Saving or loading a state file failed. */
export class StateFileError extends DSPyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StateFileError";
  }
}

/** The exact text DSPy writes for a program state: state keys, then `metadata`, orjson's 2-space format. */
export function stateFileText(
  state: Record<string, unknown>,
  versions: Partial<Record<"python" | "dspy" | "cloudpickle", string>> = {},
  path = "<memory>",
): string {
  const dependencyVersions = { ...DEPENDENCY_VERSIONS, ...versions };
  try {
    return orjsonDumpsIndent2({ ...state, metadata: { dependency_versions: dependencyVersions } });
  } catch (error) {
    throw new StateFileError(
      `Failed to save state to ${path} with error: ${(error as Error).message}. Your DSPy program may contain non ` +
        "json-serializable objects; tsdspy state files hold JSON values only (strings, numbers within 64 bits, " +
        "booleans, null, arrays and objects).",
      { cause: error },
    );
  }
}

/** Writes a `.json` state file atomically (temporary file + rename). */
export async function writeStateFile(
  path: string,
  state: Record<string, unknown>,
  versions?: Partial<Record<"python" | "dspy" | "cloudpickle", string>>,
): Promise<void> {
  const ext = extname(path);
  if (ext === ".pkl") {
    throw new ValueError("tsdspy does not write .pkl (cloudpickle) files; save the state as .json.");
  }
  if (ext !== ".json") {
    throw new ValueError(`\`path\` must end with \`.json\` (tsdspy saves the program's state as JSON), but received: ${path}`);
  }
  const text = stateFileText(state, versions, path);
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, text, "utf8");
  await rename(temporary, path);
}

/**
 * Reads a `.json` state file written by DSPy or tsdspy, keeping Python's number model, and warns (as DSPy does)
 * when it was saved by another DSPy version. No code is ever evaluated.
 */
export async function readStateFile(path: string, logger: Logger): Promise<Record<string, unknown>> {
  const ext = extname(path);
  if (ext === ".pkl") {
    throw new ValueError("tsdspy never loads .pkl (pickle) files: they can run arbitrary code. Re-save the program as .json.");
  }
  if (ext !== ".json") throw new ValueError(`\`path\` must end with \`.json\` (a state file), but received: ${path}`);
  const state = parsePyJson(await readFile(path, "utf8"));
  if (typeof state !== "object" || state === null || Array.isArray(state)) {
    throw new StateFileError(`${path} does not hold a program state (a JSON object).`);
  }
  const metadata = (state as Record<string, unknown>).metadata as { dependency_versions?: Record<string, unknown> } | undefined;
  if (!metadata || typeof metadata.dependency_versions !== "object" || metadata.dependency_versions === null) {
    throw new StateFileError(`${path} has no \`metadata.dependency_versions\`; it was not written by \`save()\` (tsdspy's or DSPy's).`);
  }
  const saved = metadata.dependency_versions.dspy;
  if (saved !== undefined && saved !== DEPENDENCY_VERSIONS.dspy) {
    logger.warn(
      `There is a mismatch of dspy version between saved model and current environment. You saved with ` +
        `\`dspy==${String(saved)}\`, but now you have \`dspy==${DEPENDENCY_VERSIONS.dspy}\`. This might cause errors or ` +
        "performance downgrade on the loaded model, please consider loading the model in the same environment as the " +
        "saving environment.",
    );
  }
  return state as Record<string, unknown>;
}
