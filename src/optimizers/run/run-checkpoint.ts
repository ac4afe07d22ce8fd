import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { RunStateError } from "../../errors/run-state-error.js";
import type { RunSpent } from "./run-spent.js";
import type { TrialRecord } from "./trial-record.js";

/** The name of the checkpoint file inside a `runDir`. */
export const CHECKPOINT_FILE = "checkpoint.json";
/** The name of the trial log inside a `runDir` (one `TrialRecord` per line). */
export const TRIALS_FILE = "trials.jsonl";

const FORMAT = "tsdspy-optimizer-run";
const VERSION = 1;

/** One finished, paid-for step: its key, its result (run JSON) and the counters when it finished. */
export interface CheckpointStep {
  key: string;
  value: unknown;
  spent: RunSpent;
  elapsedMs: number;
  /** SHA-256 of the tracked RNGs' states when the step finished (checked when a resumed run replays it). */
  rng: string | null;
}

/** What `checkpoint.json` holds: every finished step in order, the trial log so far and the RNGs' last states. */
export interface RunCheckpoint {
  format: typeof FORMAT;
  version: typeof VERSION;
  optimizer: string;
  /** SHA-256 of the run's arguments; a resume with other arguments is refused. */
  fingerprint: string;
  /** SHA-256 of each top-level argument, to name the one that differs when a resume is refused (absent in old files). */
  fingerprintParts?: Record<string, string>;
  steps: CheckpointStep[];
  trials: TrialRecord[];
  /** The tracked RNGs' full states after the last step (CPython's `getstate()` shape for `PythonRandom`). */
  rngStates: Record<string, unknown>;
}

/** A new, empty checkpoint. */
export function emptyCheckpoint(optimizer: string, fingerprint: string, fingerprintParts?: Record<string, string>): RunCheckpoint {
  return { format: FORMAT, version: VERSION, optimizer, fingerprint, ...(fingerprintParts ? { fingerprintParts } : {}), steps: [], trials: [], rngStates: {} };
}

/** Reads `runDir/checkpoint.json`; `null` when there is none. */
export async function readCheckpoint(runDir: string): Promise<RunCheckpoint | null> {
  let text: string;
  try {
    text = await readFile(join(runDir, CHECKPOINT_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new RunStateError(runDir, `Cannot read the checkpoint in ${runDir}: ${String(error)}.`, { cause: error });
  }
  let parsed: Partial<RunCheckpoint>;
  try {
    parsed = JSON.parse(text) as Partial<RunCheckpoint>;
  } catch (error) {
    throw new RunStateError(
      runDir,
      `The checkpoint ${join(runDir, CHECKPOINT_FILE)} is not valid JSON; delete the run directory to start over.`,
      { cause: error },
    );
  }
  if (parsed.format !== FORMAT || parsed.version !== VERSION || !Array.isArray(parsed.steps)) {
    throw new RunStateError(
      runDir,
      `${join(runDir, CHECKPOINT_FILE)} is not a tsdspy optimizer checkpoint (format ${FORMAT} v${VERSION}); ` +
        "pass another runDir or delete this one.",
    );
  }
  return { ...emptyCheckpoint(parsed.optimizer ?? "", parsed.fingerprint ?? ""), ...parsed } as RunCheckpoint;
}

/** Writes `text` to `path` atomically: a temporary file in the same folder, flushed, then renamed over `path`. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, "w");
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Saves the checkpoint atomically (a reader sees the previous or the new one, never a torn file); `runDir` exists. */
export async function writeCheckpoint(runDir: string, checkpoint: RunCheckpoint): Promise<void> {
  await writeFileAtomic(join(runDir, CHECKPOINT_FILE), JSON.stringify(checkpoint));
}

/** Creates the run directory (and its parents) when missing. */
export async function ensureRunDir(runDir: string): Promise<void> {
  await mkdir(runDir, { recursive: true });
}
