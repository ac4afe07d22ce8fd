import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DSPyError } from "../errors/dspy-error.js";
import type { Module } from "../primitives/module.js";
import type { ReleaseDecision } from "./release-gates.js";

/** Everything needed to explain, reproduce and roll back a released program. */
export interface ArtifactManifest {
  /** Version of the program's code (its structure); a state only loads into the same structure. */
  programVersion: string;
  /** The exact model (and revision) the state was compiled and tested for. */
  model: string;
  metric: string;
  /** sha256 fingerprints of the splits (`splitHash`). */
  splits: Record<string, { hash: string; size: number }>;
  optimizer: { name: string; settings: Record<string, unknown> };
  /** Scores on Evaluate's 0–100 scale: overall and per slice, for the baseline and the candidate. */
  scores: Record<string, unknown>;
  decision: ReleaseDecision;
  createdAt: string;
  /** The state file name inside the artifact directory. */
  stateFile: string;
  tool: { name: "tsdspy"; dspyStateFormat: string };
}

/** An artifact directory is missing a file or holds something else. */
export class ArtifactError extends DSPyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ArtifactError";
  }
}

/**
 * Writes a versioned artifact: `program.json` (the DSPy-compatible state file, loadable by Python DSPy) and
 * `manifest.json`. Files are written atomically.
 */
export async function writeArtifact(
  dir: string,
  program: Module,
  manifest: Omit<ArtifactManifest, "stateFile" | "tool" | "createdAt"> & { createdAt?: string },
): Promise<ArtifactManifest> {
  await mkdir(dir, { recursive: true });
  const full: ArtifactManifest = {
    ...manifest,
    createdAt: manifest.createdAt ?? new Date().toISOString(),
    stateFile: "program.json",
    tool: { name: "tsdspy", dspyStateFormat: "dspy-3.3.1-state-json" },
  };
  await program.save(join(dir, full.stateFile));
  const temporary = join(dir, `manifest.json.${process.pid}.tmp`);
  await writeFile(temporary, JSON.stringify(full, null, 2) + "\n", "utf8");
  await rename(temporary, join(dir, "manifest.json"));
  return full;
}

/** Reads an artifact's manifest and loads its state into `program` (which must have the same structure). */
export async function loadArtifact<M extends Module>(dir: string, program: M): Promise<{ program: M; manifest: ArtifactManifest }> {
  let manifest: ArtifactManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8")) as ArtifactManifest;
  } catch (error) {
    throw new ArtifactError(`${dir} has no readable manifest.json; is it an artifact written by writeArtifact()?`, { cause: error });
  }
  await program.load(join(dir, manifest.stateFile));
  return { program, manifest };
}
