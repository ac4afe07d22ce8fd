import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { configure, resetSettings, withSettings } from "../context/settings.js";
import type { LMLike } from "../lm/lm-like.js";
import { Example } from "./example.js";
import { Module } from "./module.js";
import { PARAMETER, type Parameter } from "./parameter.js";
import { Prediction } from "./prediction.js";

/** A minimal optimizable leaf for traversal tests (the real one is Predict). */
class Leaf extends Module implements Parameter {
  readonly [PARAMETER] = true as const;
  lm: LMLike | null = null;
  demos: Example[] = [];
  constructor(readonly tag: string) {
    super();
  }
  reset() {
    this.lm = null;
    this.demos = [];
  }
  override dumpState() {
    return { demos: this.demos.map((d) => d.toDict()), tag: this.tag };
  }
  override loadState(state: Record<string, unknown>) {
    if (state.tag !== this.tag) throw new Error(`wrong tag ${String(state.tag)}`);
    this.demos = (state.demos as Record<string, unknown>[]).map((d) => new Example(d));
    return this;
  }
  async forward(inputs: Record<string, unknown>) {
    return new Prediction({ echo: `${this.tag}:${String(inputs.x)}` });
  }
}

class Wrapper extends Module {
  predict = new Leaf("inner");
  async forward(inputs: Record<string, unknown>) {
    return this.predict.call(inputs);
  }
}

class Program extends Module {
  generate = new Wrapper();
  verify = new Leaf("verify");
  layers = [new Leaf("l0"), new Leaf("l1")];
  tools = { search: new Leaf("search") };
  alias = this.verify;
  async forward(inputs: Record<string, unknown>) {
    await this.generate.call(inputs);
    return this.verify.call(inputs);
  }
}

afterEach(() => resetSettings());

describe("Module", () => {
  it("names parameters like DSPy: attribute order, dotted/indexed paths, duplicates once, bare leaf is self", () => {
    const program = new Program();
    expect(program.namedParameters().map(([n]) => n)).toEqual([
      "generate.predict", "verify", "layers[0]", "layers[1]", "tools['search']",
    ]);
    expect(new Leaf("x").namedParameters().map(([n]) => n)).toEqual(["self"]);
    program.generate.compiled = true;
    expect(program.namedParameters().map(([n]) => n)).toEqual(["verify", "layers[0]", "layers[1]", "tools['search']"]);
  });

  it("deepcopy copies demos and keeps shared references shared; resetCopy resets every leaf", () => {
    const program = new Program();
    program.verify.demos = [new Example({ q: "a" }).withInputs("q")];
    const copy = program.deepcopy();
    expect(copy).not.toBe(program);
    expect(copy.verify).not.toBe(program.verify);
    expect(copy.alias).toBe(copy.verify);
    expect(copy.verify.demos[0]!.inputKeys()).toEqual(["q"]);
    copy.verify.demos.push(new Example({ q: "b" }));
    expect(program.verify.demos).toHaveLength(1);
    expect(program.resetCopy().verify.demos).toHaveLength(0);
  });

  it("setLm/getLm", () => {
    const program = new Program();
    const lm = { model: "x" } as unknown as LMLike;
    program.setLm(lm);
    expect(program.getLm()).toBe(lm);
    program.verify.lm = null;
    expect(() => program.getLm()).toThrow("Multiple LMs are being used in the module. There's no unique LM to return.");
  });

  it("loads state transactionally", () => {
    const program = new Program();
    const state = program.dumpState();
    (state["layers[1]"] as Record<string, unknown>).tag = "wrong";
    (state.verify as Record<string, unknown>).demos = [{ q: "new" }];
    expect(() => program.loadState(state)).toThrow("wrong tag");
    expect(program.verify.demos).toHaveLength(0);
    delete state["layers[1]"];
    expect(() => program.loadState(state)).toThrow("no entry for predictor `layers[1]`");
  });

  it("saves and loads state files with DSPy's metadata", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tsdspy-"));
    const program = new Leaf("solo");
    program.demos = [new Example({ q: "x", score: 1.5 })];
    await program.save(join(dir, "p.json"));
    const text = await readFile(join(dir, "p.json"), "utf8");
    expect(text).toBe(
      '{\n  "demos": [\n    {\n      "q": "x",\n      "score": 1.5\n    }\n  ],\n  "tag": "solo",\n  "metadata": {\n    "dependency_versions": {\n      "python": "3.11",\n      "dspy": "3.3.1",\n      "cloudpickle": "3.1"\n    }\n  }\n}\n',
    );
    const restored = await new Leaf("solo").load(join(dir, "p.json"));
    expect(restored.demos[0]!.toDict()).toEqual({ q: "x", score: 1.5 });
    await writeFile(join(dir, "bad.json"), '{"tag": "solo", "demos": []}');
    await expect(new Leaf("solo").load(join(dir, "bad.json"))).rejects.toThrow("metadata.dependency_versions");
    await expect(program.save(join(dir, "p.txt"))).rejects.toThrow("must end with `.json` (tsdspy saves the program's state as JSON)");
  });

  it("call() records LM usage per prediction when trackUsage is on, and nests caller modules", async () => {
    const seen: number[] = [];
    class Probe extends Module {
      async forward() {
        const { getSettings } = await import("../context/settings.js");
        seen.push(getSettings().callerModules.length);
        return new Prediction({ ok: true });
      }
    }
    class Outer extends Module {
      probe = new Probe();
      async forward() {
        return this.probe.call({});
      }
    }
    configure({ trackUsage: true });
    const pred = await new Outer().call({});
    expect(seen).toEqual([2]);
    expect(pred.getLmUsage()).toEqual({});
    const inScope = await withSettings({ trackUsage: false }, () => new Outer().call({}));
    expect(inScope.getLmUsage()).toBeNull();
  });
});
