import { readFile, rename, writeFile } from "node:fs/promises";
import { extname } from "node:path";
import type { Logger } from "../context/logger.js";
import { StateFileError } from "../errors/state-file-error.js";
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

export { StateFileError };

/** The exact text DSPy writes for a program state: state keys, then `metadata`, orjson's 2-space format. */
export function stateFileText(
  state: Record<string, unknown>,
  versions: Partial<Record<"python" | "dspy" | "cloudpickle", string>> = {},
  path = "<memory>",
): string {
  const dependencyVersions = { ...DEPENDENCY_VERSIONS, ...versions };
  const whole = { ...state, metadata: { dependency_versions: dependencyVersions } };
  try {
    // orjson (DSPy's writer) refuses more than 255 nested arrays and objects; checked first, without recursion.
    if (nestsDeeperThan(whole, ORJSON_MAX_DEPTH)) throw new ValueError("Recursion limit reached");
    return orjsonDumpsIndent2(whole);
  } catch (error) {
    throw new StateFileError(
      `Failed to save state to ${path} with error: ${(error as Error).message}. Your DSPy program may contain non ` +
        "json-serializable objects; tsdspy state files hold JSON values only (strings, numbers within 64 bits, " +
        "booleans, null, arrays and objects).",
      { cause: error },
    );
  }
}

/** The deepest nesting of arrays and objects orjson writes. */
const ORJSON_MAX_DEPTH = 255;

/** Whether `value` nests arrays and plain objects more than `max` levels deep; a loop over a stack, no recursion. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    const children = Array.isArray(current) ? current : isPlainObject(current) ? Object.values(current) : null;
    if (children === null) continue;
    if (depth > max) return true;
    for (const child of children) if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
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

/** How deep a state file may nest arrays and objects: DSPy (orjson) cannot write deeper than 255 levels. */
export const MAX_STATE_DEPTH = 1_000;

/** The offset where JSON `text` first nests deeper than `max` levels, or `null`; one pass, no recursion. */
function tooDeepAt(text: string, max: number): number | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \\ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 /* [ */ || ch === 123 /* { */) {
      if (++depth > max) return i;
    } else if (ch === 93 /* ] */ || ch === 125 /* } */) depth--;
  }
  return null;
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
  const text = await readFile(path, "utf8");
  const deep = tooDeepAt(text, MAX_STATE_DEPTH);
  if (deep !== null) {
    throw new StateFileError(
      `${path} nests arrays and objects more than ${MAX_STATE_DEPTH} levels deep (at character ${deep}); tsdspy reads state files ` +
        "up to that depth (DSPy writes at most 255 levels). This is not a program state DSPy or tsdspy saved.",
    );
  }
  let state: unknown;
  try {
    state = parsePyJson(text);
  } catch (error) {
    throw new StateFileError(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
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
