// What `npm publish` would ship: the tarball's file list and package.json, then the packed package installed into a
// fresh project and used the way a user would (import, require, the `tsdspy` command).
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  version: string;
  engines: { node: string };
  exports: Record<string, Record<string, string>>;
  files: string[];
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
};
const tsconfigPaths = (JSON.parse(readFileSync(join(root, "tsconfig.json"), "utf8")) as { compilerOptions: { paths: Record<string, string[]> } })
  .compilerOptions.paths;

interface PackResult {
  filename: string;
  files: Array<{ path: string }>;
}

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function pack(cwd: string, extra: string[] = []): PackResult {
  const [result] = JSON.parse(npm(["pack", "--json", "--ignore-scripts", ...extra], cwd)) as PackResult[];
  return result!;
}

const work = mkdtempSync(join(tmpdir(), "tsdspy-pack-"));
// The installed app (with esbuild, d3, …) takes a while to delete on a loaded machine.
afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

describe("the npm package", () => {
  it("declares only built files: ESM with a default condition (for require(esm)), types, no source paths", () => {
    expect(pkg.engines.node).toBe(">=20.19");
    // The only runtime dependencies are the `tsdspy` command's (argument parsing, loading tsdspy.config.ts, the report's
    // charts); importing the library loads none of them (src/cold-start.test.ts).
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(["@observablehq/plot", "commander", "tsx"]);
    for (const [subpath, conditions] of Object.entries(pkg.exports)) {
      expect(Object.keys(conditions), subpath).toEqual(["types", "default"]);
      expect(conditions.types).toMatch(/^\.\/dist\/.+\.d\.ts$/);
      expect(conditions.default).toBe(conditions.types!.replace(/\.d\.ts$/, ".js"));
      // Development resolves the same specifier to the TypeScript source through tsconfig `paths` (tsc, tsx, vitest).
      const source = conditions.default!.replace(/^\.\/dist\/(.*)\.js$/, "./src/$1.ts");
      expect(tsconfigPaths[subpath === "." ? "tsdspy" : `tsdspy/${subpath.slice(2)}`], subpath).toEqual([source]);
      expect(existsSync(join(root, source)), source).toBe(true);
    }
    expect(Object.keys(tsconfigPaths)).toHaveLength(Object.keys(pkg.exports).length);
  });

  it("packs the license, README, docs and bin, and no sources, tests, fixtures or source maps", () => {
    const files = pack(root, ["--dry-run"]).files.map((f) => f.path);
    for (const required of ["LICENSE", "README.md", "package.json", "bin/tsdspy.js", "docs/compat.md"]) expect(files).toContain(required);
    expect(files.filter((f) => !/^(dist|bin|docs)\/|^(LICENSE|README\.md|package\.json)$/.test(f))).toEqual([]);
    expect(files.filter((f) => /\.map$|\.test\.|\.case\.|__fixtures__/.test(f))).toEqual([]);
    // Every relative link of the README resolves inside the package.
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const links = [...readme.matchAll(/\]\((?!https?:|#)([^)#]+)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !files.includes(link))).toEqual([]);
    expect(readFileSync(join(root, "LICENSE"), "utf8")).toMatch(/^MIT License/);
  });

  it("builds, packs and installs into a fresh project, where import, require and the tsdspy command work", () => {
    // Stage what `npm pack` reads, building dist/ there so the working tree's dist/ (if any) is left alone.
    const stage = join(work, "stage");
    mkdirSync(stage);
    for (const name of ["package.json", "README.md", "LICENSE", "bin", "docs"]) cpSync(join(root, name), join(stage, name), { recursive: true });
    // `npm run build` (bundle + declarations); `--noCheck` emits the same files several times faster (`npm test` type-checks first).
    execFileSync(process.execPath, ["--import", "tsx", join(root, "scripts/build.ts"), "--outDir", join(stage, "dist"), "--noCheck"], { cwd: root });
    const packed = pack(stage, ["--pack-destination", work]);
    const files = packed.files.map((f) => f.path);
    for (const conditions of Object.values(pkg.exports)) {
      for (const target of Object.values(conditions)) expect(files).toContain(target.slice(2));
    }
    expect(files).toContain("dist/cli/main.js");
    expect(files.filter((f) => f.endsWith(".map") || f.startsWith("src/"))).toEqual([]);
    const shipped = JSON.parse(readFileSync(join(stage, "package.json"), "utf8")) as Record<string, unknown>;
    expect(JSON.stringify(shipped.exports)).not.toContain("src/");

    const app = join(work, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }));
    // `--prefer-offline`: the npm cache answers when it can; a fresh machine whose cache holds only what `npm ci` put
    // there (tarballs, no registry metadata) fetches the dependencies' metadata from the registry (`--offline` failed
    // there with ENOTCACHED).
    npm(["install", join(work, packed.filename), "--prefer-offline", "--no-audit", "--no-fund"], app);
    const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: app, encoding: "utf8" });
    const imported = node(["--input-type=module", "-e", 'const m = await import("tsdspy"); const t = await import("tsdspy/testing"); console.log(typeof m.Predict, typeof t.DummyLM)']);
    expect([imported.stdout, imported.stderr]).toEqual(["function function\n", ""]);
    // require(esm): Node 20.19 and later load the ESM build through the `default` condition, with no warning.
    const required = node(["-e", 'const m = require("tsdspy"); console.log(typeof m.ChainOfThought, typeof require("tsdspy/sim").SimLM)']);
    expect([required.stdout, required.stderr]).toEqual(["function function\n", ""]);
    const bin = join(app, "node_modules/.bin/tsdspy");
    expect(node([bin, "--version"]).stdout).toBe(`${pkg.version}\n`);
    const help = node([bin, "sim", "serve", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tsdspy sim serve /);
  }, 180_000);
});
