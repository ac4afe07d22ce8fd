import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ProjectError } from "../../errors/project-error.js";

/** A file name inside a run or artifact folder, safe for any model revision or optimizer name. */
export const safeName = (name: string) => name.replace(/[^\w.-]+/g, "_");

/** Where `tsdspy compile` keeps one optimizer × model run (its checkpoint, trial log and candidate). */
export const candidateDir = (runDir: string, model: string, optimizer: string) => join(runDir, safeName(model), safeName(optimizer));

/** Writes JSON atomically (a temporary file renamed over the old one): a reader never sees half a file. */
export function writeJsonAtomic(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value, null, 2) + "\n", "utf8");
  renameSync(temporary, path);
}

/** Reads a JSON file the CLI wrote; a missing or unreadable file is a `ProjectError` saying which command makes it. */
export function readJson<T>(path: string, madeBy: string): T {
  if (!existsSync(path)) throw new ProjectError(`${path} is missing; run \`${madeBy}\` first.`, { file: path });
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (error) {
    throw new ProjectError(`${path} is corrupted (not valid JSON); delete it and run \`${madeBy}\` again.`, { file: path, cause: error });
  }
}

/** Reads a run's `trials.jsonl`; a torn or edited line is a `ProjectError` naming the file and line. */
export function readTrials(path: string): Array<Record<string, unknown>> {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line, index) => {
      try {
        const record = JSON.parse(line) as Record<string, unknown>;
        if (typeof record !== "object" || record === null || typeof record.trial !== "number") throw new TypeError("not a trial record");
        return record;
      } catch (error) {
        throw new ProjectError(`${path} line ${index + 1} is corrupted (not a trial record); delete the run folder and run \`tsdspy compile\` again.`, {
          file: path,
          cause: error,
        });
      }
    });
}
