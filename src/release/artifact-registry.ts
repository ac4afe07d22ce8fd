import { DSPyError } from "../errors/dspy-error.js";

/** No artifact was compiled and evaluated for this program version and model revision. */
export class MissingArtifactError extends DSPyError {
  readonly programVersion: string;
  readonly modelRevision: string;
  constructor(programVersion: string, modelRevision: string) {
    super(`compile and evaluate an artifact for this model revision (program ${programVersion}, model ${modelRevision})`);
    this.name = "MissingArtifactError";
    this.programVersion = programVersion;
    this.modelRevision = modelRevision;
  }
}

/**
 * The compilation matrix: one artifact per program version and exact model revision. A new model revision is a
 * new experiment, so looking up an uncompiled pair throws instead of falling back.
 */
export class ArtifactRegistry {
  readonly #artifacts = new Map<string, string>();

  constructor(entries: Iterable<readonly [programVersion: string, modelRevision: string, artifact: string]> = []) {
    for (const [program, model, artifact] of entries) this.register(program, model, artifact);
  }

  register(programVersion: string, modelRevision: string, artifact: string): void {
    this.#artifacts.set(JSON.stringify([programVersion, modelRevision]), artifact);
  }

  /** The artifact for exactly this pair; throws `MissingArtifactError` otherwise. */
  artifactFor(programVersion: string, modelRevision: string): string {
    const artifact = this.#artifacts.get(JSON.stringify([programVersion, modelRevision]));
    if (artifact === undefined) throw new MissingArtifactError(programVersion, modelRevision);
    return artifact;
  }
}
