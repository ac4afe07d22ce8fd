// Port of `require-artifact-for-exact-model-revision.py`: one artifact per program version and model revision.
import { ArtifactRegistry, MissingArtifactError } from "tsdspy";
import { runIfMain, type Print } from "./run-example.js";

export function main(print: Print): void {
  const artifacts = new ArtifactRegistry([
    ["support-v3", "hosted-model@2026-04-01", "support-v3_hosted-2026-04-01.json"],
    ["support-v3", "local-model@rev7", "support-v3_local-rev7.json"],
  ]);

  print(`known_artifact: ${artifacts.artifactFor("support-v3", "local-model@rev7")}`);
  try {
    artifacts.artifactFor("support-v3", "local-model@rev8");
  } catch (error) {
    if (!(error instanceof MissingArtifactError)) throw error;
    print("uncompiled_revision_rejected: True");
  }
}

runIfMain(import.meta, main);
