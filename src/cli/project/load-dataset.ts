import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ProjectError } from "../../errors/project-error.js";
import { Example } from "../../primitives/example.js";
import { PythonRandom } from "../../python/python-random.js";
import { assertDisjointSplits } from "../../release/assert-disjoint-splits.js";
import { SplitLeakageError } from "../../release/split-leakage-error.js";
import type { DatasetSource, SplitSpec } from "./define-config.js";

export const SPLIT_NAMES = ["train", "validation", "test"] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];
export type Splits = Record<SplitName, Example[]>;

/** Reads a JSON Lines file of labelled examples; `label` names it in errors. */
export function readExamples(path: string, dataset: DatasetSource, label = path): Example[] {
  if (!existsSync(path)) throw new ProjectError(`The data file ${label} does not exist; fix dataset.path (or --data).`, { file: path });
  const idField = dataset.id ?? "id";
  const rows: Example[] = [];
  const seen = new Set<string>();
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, index) => {
      if (!line.trim()) return;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch (error) {
        throw new ProjectError(`${label} line ${index + 1} is not valid JSON; every line must be one JSON object.`, { file: path, cause: error });
      }
      if (typeof row !== "object" || row === null || Array.isArray(row)) throw new ProjectError(`${label} line ${index + 1} is not a JSON object.`, { file: path });
      const record = row as Record<string, unknown>;
      const missing = [idField, ...dataset.inputs].filter((field) => record[field] === undefined);
      if (missing.length) throw new ProjectError(`${label} line ${index + 1} has no ${missing.map((f) => `"${f}"`).join(", ")} (dataset.id / dataset.inputs).`, { file: path });
      const id = String(record[idField]);
      if (seen.has(id)) throw new ProjectError(`${label} line ${index + 1} repeats the id "${id}"; every example needs a unique ${idField}.`, { file: path });
      seen.add(id);
      rows.push(new Example(record).withInputs(...dataset.inputs));
    });
  if (rows.length === 0) throw new ProjectError(`${label} holds no examples.`, { file: path });
  return rows;
}

function split(rows: Example[], spec: SplitSpec, label: string): Splits {
  if (spec.field !== undefined) {
    const field = spec.field;
    const splits: Splits = { train: [], validation: [], test: [] };
    for (const row of rows) {
      const name = row.get(field) as SplitName;
      if (!SPLIT_NAMES.includes(name)) {
        throw new ProjectError(`${label}: example "${String(row.get("id"))}" has ${field} = ${JSON.stringify(name)}; it must be "train", "validation" or "test".`);
      }
      splits[name].push(row);
    }
    return splits;
  }
  const shuffled = [...rows];
  new PythonRandom(spec.seed ?? 0).shuffle(shuffled);
  const trainEnd = Math.round(shuffled.length * spec.train);
  const validationEnd = trainEnd + Math.round(shuffled.length * spec.validation);
  return { train: shuffled.slice(0, trainEnd), validation: shuffled.slice(trainEnd, validationEnd), test: shuffled.slice(validationEnd) };
}

/**
 * Loads the project's dataset and splits it; every split must be non-empty and no example (by id, or by its inputs)
 * may be in two splits.
 */
export function loadSplits(options: { dir: string; dataset: DatasetSource; splits: SplitSpec }): Splits {
  const path = resolve(options.dir, options.dataset.path);
  const label = options.dataset.path;
  const splits = split(readExamples(path, options.dataset, label), options.splits, label);
  for (const name of SPLIT_NAMES) {
    if (splits[name].length === 0) {
      const how = options.splits.field !== undefined ? `no example of ${label} has ${options.splits.field} = "${name}"` : `splits.${name} leaves no example of ${label}`;
      throw new ProjectError(`The ${name} split is empty: ${how}. Every split (train, validation, test) needs examples.`, { file: path });
    }
  }
  const idField = options.dataset.id ?? "id";
  const inputsOf = (example: Example) => JSON.stringify(options.dataset.inputs.map((field) => example.get(field)));
  try {
    assertDisjointSplits(...SPLIT_NAMES.map((name) => new Set(splits[name].map((e) => String(e.get(idField))))));
    assertDisjointSplits(...SPLIT_NAMES.map((name) => new Set(splits[name].map(inputsOf))));
  } catch (error) {
    if (!(error instanceof SplitLeakageError)) throw error;
    throw new ProjectError(
      `The splits of ${label} overlap (${error.message}): an example in two of train/validation/test leaks the test into selection. ` +
        "Give each example (and each distinct input) exactly one split.",
      { file: path, cause: error },
    );
  }
  return splits;
}
