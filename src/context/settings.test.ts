import { afterEach, describe, expect, it } from "vitest";
import { configure, getSettings, resetSettings, SettingsScopeError, withSettings } from "./settings.js";

afterEach(() => resetSettings());

describe("settings", () => {
  it("configure sets process-wide values; withSettings overrides them in a scope only", async () => {
    configure({ numThreads: 3 });
    expect(getSettings().numThreads).toBe(3);
    const inner = await withSettings({ numThreads: 5 }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return getSettings().numThreads;
    });
    expect(inner).toBe(5);
    expect(getSettings().numThreads).toBe(3);
  });

  it("concurrent scopes never see each other's overrides", async () => {
    const seen = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        withSettings({ maxErrors: n }, async () => {
          await new Promise((r) => setTimeout(r, 5 - n));
          return getSettings().maxErrors;
        }),
      ),
    );
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it("nested scopes layer, and later configure() values show through keys a scope does not override", () => {
    withSettings({ numThreads: 2 }, () => {
      withSettings({ maxErrors: 1 }, () => {
        expect(getSettings().numThreads).toBe(2);
        expect(getSettings().maxErrors).toBe(1);
      });
    });
  });

  it("refuses configure() inside a scope", () => {
    expect(() => withSettings({}, () => configure({ numThreads: 1 }))).toThrow(SettingsScopeError);
  });
});
