import { afterEach, describe, expect, it } from "vitest";
import type { Callback } from "../context/callback.js";
import { configure, resetSettings } from "../context/settings.js";
import { Module } from "../primitives/module.js";
import { Prediction } from "../primitives/prediction.js";
import { Teleprompter, type CompileOptions } from "./teleprompter.js";

class Echo extends Module {
  async forward() {
    return new Prediction({});
  }
}

class Copying extends Teleprompter {
  fail = false;
  protected async doCompile<M extends Module>(student: M, _options: CompileOptions): Promise<M> {
    if (this.fail) throw new RangeError("boom");
    return student.deepcopy();
  }
}

function recorder(tag: string, events: string[]): Callback {
  return {
    onCompileStart: (id, instance, inputs) => events.push(`${tag} start ${id.length} ${instance.constructor.name} ${Object.keys(inputs).join(",")}`),
    onCompileEnd: (id, outputs, error) => events.push(`${tag} end ${id.length} ${outputs instanceof Echo} ${(error as Error | null)?.message ?? null}`),
  };
}

afterEach(() => resetSettings());

describe("Teleprompter", () => {
  it("calls settings' callbacks, then the optimizer's, around compile with a shared 32-hex call id", async () => {
    const events: string[] = [];
    configure({ callbacks: [recorder("settings", events)] });
    const optimizer = new Copying();
    optimizer.callbacks = [recorder("own", events)];
    const compiled = await optimizer.compile(new Echo(), { trainset: [] });
    expect(compiled).toBeInstanceOf(Echo);
    expect(events).toEqual([
      "settings start 32 Copying student,trainset",
      "own start 32 Copying student,trainset",
      "settings end 32 true null",
      "own end 32 true null",
    ]);
  });

  it("reports the error to onCompileEnd and rethrows it; a failing hook is only logged", async () => {
    const events: string[] = [];
    const warnings: string[] = [];
    configure({ logger: { debug() {}, info() {}, error() {}, warn: (m) => warnings.push(m) } });
    const optimizer = new Copying();
    optimizer.fail = true;
    optimizer.callbacks = [{ onCompileStart: () => { throw new Error("bad hook"); } }, recorder("own", events)];
    await expect(optimizer.compile(new Echo(), { trainset: [] })).rejects.toThrow("boom");
    expect(events).toEqual(["own start 32 Copying student,trainset", "own end 32 false boom"]);
    expect(warnings).toEqual(["Error when calling callback: bad hook"]);
  });
});
