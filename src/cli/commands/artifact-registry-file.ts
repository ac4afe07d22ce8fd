import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { ArtifactRegistry } from "../../release/artifact-registry.js";
import { readJson, writeJsonAtomic } from "../project/run-files.js";

/** One promoted artifact in `<artifacts>/registry.json`. */
export interface RegistryEntry {
  programVersion: string;
  model: string;
  /** The artifact folder, relative to the artifacts folder. */
  dir: string;
  programHash: string;
  optimizer: string;
  testScore: number;
  createdAt: string;
}

export const registryPath = (artifactsDir: string) => join(artifactsDir, "registry.json");

/** The registry's entries (none before the first promotion). */
export function readRegistry(artifactsDir: string): RegistryEntry[] {
  const path = registryPath(artifactsDir);
  return existsSync(path) ? readJson<{ artifacts: RegistryEntry[] }>(path, "tsdspy promote").artifacts : [];
}

/** Adds or replaces the entry for its program version × model revision. */
export function recordArtifact(artifactsDir: string, entry: Omit<RegistryEntry, "dir"> & { dir: string }): void {
  const rest = readRegistry(artifactsDir).filter((e) => e.programVersion !== entry.programVersion || e.model !== entry.model);
  writeJsonAtomic(registryPath(artifactsDir), { artifacts: [...rest, { ...entry, dir: relative(artifactsDir, entry.dir) }] });
}

/** The compilation matrix as the library's `ArtifactRegistry` (absolute folders). */
export function registryOf(artifactsDir: string): ArtifactRegistry {
  return new ArtifactRegistry(readRegistry(artifactsDir).map((e) => [e.programVersion, e.model, resolve(artifactsDir, e.dir)] as const));
}
