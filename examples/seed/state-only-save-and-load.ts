// Port of `state-only-save-and-load.py`: save the state as JSON, recreate the program, load the state.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Predict } from "tsdspy";
import { runIfMain, type Print } from "./run-example.js";

export async function main(print: Print): Promise<void> {
  const program = new Predict("ticket_text -> resolution");

  const tempDir = await mkdtemp(join(tmpdir(), "tsdspy-"));
  try {
    const artifact = join(tempDir, "support_state.json");
    await program.save(artifact);

    const restored = new Predict("ticket_text -> resolution");
    await restored.load(artifact);

    print(`state_file_created: ${existsSync(artifact) ? "True" : "False"}`);
    print(`restored_outputs: ${Object.keys(restored.signature.outputFields).join(", ")}`);
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}

runIfMain(import.meta, main);
