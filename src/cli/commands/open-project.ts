import { ProjectError } from "../../errors/project-error.js";
import type { LMLike } from "../../lm/lm-like.js";
import { splitHash } from "../../release/split-hash.js";
import type { CommandContext } from "../cli-context.js";
import { loadSplits, SPLIT_NAMES, type Splits } from "../project/load-dataset.js";
import { loadProject, type Project } from "../project/load-project.js";

/** A project with its data split and fingerprinted: what compile, evaluate and gate work on. */
export interface OpenProject extends Project {
  splits: Splits;
  splitHashes: Record<string, { hash: string; size: number }>;
  /** The model revisions the command works on (`--model`, else all in the project file). */
  models: string[];
  lmFor(model: string): LMLike;
}

/** Loads the project file and its data; `only` restricts the model revisions (each must be in the file). */
export async function openProject(context: CommandContext, only?: readonly string[]): Promise<OpenProject> {
  const project = await loadProject({ cwd: context.cwd, configPath: context.configPath, importModule: context.importModule });
  const splits = loadSplits({ dir: project.dir, dataset: project.config.dataset, splits: project.config.splits });
  const known = Object.keys(project.config.models);
  for (const model of only ?? []) {
    if (!known.includes(model)) throw new ProjectError(`--model ${model} is not in models of ${project.file} (it has ${known.join(", ")}).`, { file: project.file });
  }
  return {
    ...project,
    splits,
    splitHashes: Object.fromEntries(SPLIT_NAMES.map((name) => [name, { hash: splitHash(splits[name]), size: splits[name].length }])),
    models: only?.length ? [...only] : known,
    lmFor: (model) => (project.config.models[model] as () => LMLike)(),
  };
}
