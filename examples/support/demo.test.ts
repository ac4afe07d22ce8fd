import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resetSettings } from "tsdspy/testing";
import { generateTickets } from "./dataset.js";
import { DATASET_PATH } from "./load-tickets.js";
import { main } from "./demo.js";

afterAll(() => resetSettings());

describe("the support demo", () => {
  it("the committed dataset is exactly what the seeded generator writes", async () => {
    const committed = await readFile(DATASET_PATH, "utf8");
    expect(committed).toBe(generateTickets().map((t) => JSON.stringify(t)).join("\n") + "\n");
  });

  it("compiles on the simulator, beats the baseline on held-out data, passes the gates, and serves from the artifact", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tsdspy-demo-"));
    let text = "";
    const result = await main({ artifactsDir: dir, output: { write: (t: string) => (text += t) } });
    expect(result.candidate.score).toBeGreaterThan(result.baseline.score + 20);
    expect(result.promote).toBe(true);
    expect(text).toContain("Release decision: PROMOTE");
    const manifest = JSON.parse(await readFile(join(result.artifactDir, "manifest.json"), "utf8"));
    expect(manifest.programVersion).toBe("support-v1");
    expect(Object.keys(manifest.splits)).toEqual(["train", "validation", "test"]);
    expect(manifest.decision.promote).toBe(true);
    const state = JSON.parse(await readFile(join(result.artifactDir, "program.json"), "utf8"));
    expect(state["generate_resolution.predict"].demos.length).toBeGreaterThan(0);
    expect(state.metadata.dependency_versions).toEqual({ python: "3.11", dspy: "3.3.1", cloudpickle: "3.1" });
    expect(result.served).toContain("#40417");
    // The README states the demo's numbers on the simulator: they must be the ones it prints.
    const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
    const stated = /baseline scores\s+([\d.]+) on test and the compiled program ([\d.]+)/.exec(readme.replace(/\s+/g, " "));
    expect(stated?.slice(1)).toEqual([result.baseline.score.toFixed(2), result.candidate.score.toFixed(2)]);
  }, 60_000);
});
