import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ProjectError } from "../../errors/project-error.js";

/** The package folder of `name` as resolved from tsdspy itself (walks up from its entry to its package.json). */
function packageDir(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  while (!existsSync(join(dir, "package.json")) || (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string }).name !== name) {
    const parent = dirname(dir);
    if (parent === dir) throw new ProjectError(`Cannot find the ${name} package that tsdspy's report inlines; reinstall tsdspy's dependencies.`);
    dir = parent;
  }
  return dir;
}

/** A package's browser (UMD) build, the file its `exports.umd` names. */
function umdBuild(name: string): string {
  const dir = packageDir(name);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { exports?: { umd?: string } };
  if (!pkg.exports?.umd) throw new ProjectError(`The installed ${name} has no browser (UMD) build; install the version tsdspy depends on.`);
  return readFileSync(join(dir, pkg.exports.umd), "utf8");
}

/** D3 and Observable Plot's browser builds, to inline into the report (no network when the page opens). */
export function chartLibraries(): { d3: string; plot: string } {
  return { d3: umdBuild("d3"), plot: umdBuild("@observablehq/plot") };
}
