// A fresh `npm install` on the oldest Node that package.json's `engines` admits prints no EBADENGINE warning: every
// package in the lockfile (dev dependencies and the CLI's runtime ones, with their own dependencies) accepts that Node.
// Issue 7, item 20: 20 EBADENGINE warnings once came from dev dependencies that needed Node 22 while `engines` said 20.19.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

type Version = [number, number, number];

/** `20`, `20.19`, `20.19.0` → [20, 19, 0] with the number of parts given. */
function parseVersion(text: string): { version: Version; parts: number } {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`Cannot read version "${text}"`);
  const parts = match.slice(1).filter((p) => p !== undefined).length;
  return { version: [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)], parts };
}

const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether `version` satisfies one comparator set (`>=18 <22`, `^20.19.0`, `~1.2`, `>= 0.8`, `20`). */
function satisfiesSet(version: Version, set: string): boolean {
  const comparators = set.replace(/(>=|<=|>|<|=|\^|~)\s+/g, "$1").trim().split(/\s+/);
  return comparators.every((comparator) => {
    if (comparator === "*" || comparator === "") return true;
    const match = /^(>=|<=|>|<|=|\^|~)?(.+)$/.exec(comparator)!;
    const { version: bound, parts } = parseVersion(match[2]!);
    const c = compare(version, bound);
    switch (match[1]) {
      case ">=": return c >= 0;
      case ">": return c > 0;
      case "<=": return c <= 0;
      case "<": return c < 0;
      case "^": {
        const upper: Version = bound[0] > 0 || parts === 1 ? [bound[0] + 1, 0, 0] : bound[1] > 0 || parts === 2 ? [0, bound[1] + 1, 0] : [0, 0, bound[2] + 1];
        return c >= 0 && compare(version, upper) < 0;
      }
      case "~": {
        const upper: Version = parts === 1 ? [bound[0] + 1, 0, 0] : [bound[0], bound[1] + 1, 0];
        return c >= 0 && compare(version, upper) < 0;
      }
      default: // `=`, or a bare (possibly partial) version
        return parts === 3 ? c === 0 : version[0] === bound[0] && (parts === 1 || version[1] === bound[1]);
    }
  });
}

/** npm's range grammar as the lockfile uses it: comparator sets joined by `||` (hyphen ranges are refused, loudly). */
function satisfies(version: string, range: string): boolean {
  if (/\s-\s/.test(range)) throw new Error(`Hyphen ranges are not read here: "${range}"`);
  const v = parseVersion(version).version;
  return range.split("||").some((set) => satisfiesSet(v, set));
}

describe("engines", () => {
  it("reads npm's ranges the way npm does", () => {
    const cases: Array<[string, string, boolean]> = [
      ["20.19.0", ">=20.19", true],
      ["20.18.3", ">=20.19", false],
      ["20.19.0", "^20.19.0 || >=22.12.0", true],
      ["21.0.0", "^20.19.0 || >=22.12.0", false],
      ["20.19.0", "^18.19.0 || >=20.6.0", true],
      ["20.19.0", ">= 20", true],
      ["20.19.0", "^10 || ^12 || ^13.7 || ^14 || >=15.0.1", true],
      ["13.6.0", "^10 || ^12 || ^13.7 || ^14 || >=15.0.1", false],
      ["20.19.0", "^20.0.0 || ^22.0.0 || >=24.0.0", true],
      ["23.0.0", "^20.0.0 || ^22.0.0 || >=24.0.0", false],
      ["20.19.0", ">=22", false],
      ["20.19.0", "~20.18", false],
      ["20.19.0", "20", true],
      ["20.19.0", ">=18 <20", false],
    ];
    for (const [version, range, expected] of cases) expect(satisfies(version, range), `${version} in ${range}`).toBe(expected);
  });

  it("every package in package-lock.json accepts the oldest Node that package.json's engines admits", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { engines: { node: string } };
    const oldest = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(pkg.engines.node)?.[1];
    expect(oldest, `engines.node is "${pkg.engines.node}"`).toBeDefined();
    const lock = JSON.parse(readFileSync(new URL("../package-lock.json", import.meta.url), "utf8")) as {
      packages: Record<string, { engines?: Record<string, string> | string[] }>;
    };
    const checked: string[] = [];
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
      if (!range) continue;
      checked.push(path);
      if (!satisfies(oldest!, range)) refused.push(`${path.replace(/^node_modules\//, "")} needs node ${range}`);
    }
    expect(checked.length).toBeGreaterThan(50);
    expect(refused).toEqual([]);
  });
});
