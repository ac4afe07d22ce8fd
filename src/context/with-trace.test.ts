import { afterEach, describe, expect, it } from "vitest";
import { configure, getSettings, resetSettings, withSettings } from "./settings.js";
import { currentTrace, recordTrace, withTrace } from "./with-trace.js";

afterEach(() => resetSettings());

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("withTrace", () => {
  it("returns fn's result and the calls recorded in it, oldest first, frozen", async () => {
    const predictor = {};
    const { result, trace } = await withTrace(async () => {
      recordTrace(predictor, { q: 1 }, { a: 1 });
      await tick(1);
      recordTrace(predictor, { q: 2 }, { a: 2 });
      return "done";
    });
    expect(result).toBe("done");
    expect(trace.map(([, inputs]) => inputs)).toEqual([{ q: 1 }, { q: 2 }]);
    expect(trace[0]![0]).toBe(predictor);
    expect(Object.isFrozen(trace)).toBe(true);
    expect(Object.isFrozen(trace[0])).toBe(true);
  });

  it("records nothing outside a trace, and currentTrace is null there", () => {
    recordTrace({}, {}, {});
    expect(currentTrace()).toBeNull();
  });

  it("keeps concurrent traces apart and lets an inner trace record on its own", async () => {
    const runs = await Promise.all(
      [3, 1, 2].map((n) =>
        withTrace(async () => {
          for (let i = 0; i < n; i++) {
            await tick(n);
            recordTrace({}, { n, i }, {});
          }
        }),
      ),
    );
    expect(runs.map(({ trace }) => trace.length)).toEqual([3, 1, 2]);
    expect(runs[0]!.trace.every(([, inputs]) => inputs.n === 3)).toBe(true);

    const outer = await withTrace(async () => {
      recordTrace({}, { where: "outer" }, {});
      const inner = await withTrace(() => recordTrace({}, { where: "inner" }, {}));
      expect(inner.trace.map(([, inputs]) => inputs.where)).toEqual(["inner"]);
      expect(currentTrace()!.map(([, inputs]) => inputs.where)).toEqual(["outer"]);
    });
    expect(outer.trace.map(([, inputs]) => inputs.where)).toEqual(["outer"]);
  });

  it("is bounded: maxEntries, else the maxTraceSize setting, dropping the oldest", async () => {
    const record = (n: number) => {
      for (let i = 0; i < n; i++) recordTrace({}, { i }, {});
    };
    const { trace } = await withTrace(() => record(5), { maxEntries: 3 });
    expect(trace.map(([, inputs]) => inputs.i)).toEqual([2, 3, 4]);
    configure({ maxTraceSize: 2 });
    expect((await withTrace(() => record(5))).trace.map(([, inputs]) => inputs.i)).toEqual([3, 4]);
    expect((await withTrace(() => record(5), { maxEntries: 0 })).trace).toEqual([]);
  });

  it("allows configure() in a trace outside withSettings, and refuses it inside one", async () => {
    await withTrace(() => configure({ numThreads: 4 }));
    expect(getSettings().numThreads).toBe(4);
    await expect(withSettings({}, () => withTrace(() => configure({ numThreads: 5 })))).rejects.toThrow("cannot be called inside withSettings()");
  });

  it("keeps the settings of the enclosing scope, and settings scopes inside keep the trace", async () => {
    const { result, trace } = await withSettings({ numThreads: 3 }, () =>
      withTrace(() =>
        withSettings({ maxErrors: 2 }, async () => {
          recordTrace({}, {}, {});
          return [getSettings().numThreads, getSettings().maxErrors];
        }),
      ),
    );
    expect(result).toEqual([3, 2]);
    expect(trace).toHaveLength(1);
  });
});
