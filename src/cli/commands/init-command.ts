import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ProjectError } from "../../errors/project-error.js";
import { printResult, type CommandContext } from "../cli-context.js";
import { CONFIG_TEMPLATE, GITIGNORE_TEMPLATE, METRIC_TEMPLATE, PROGRAM_TEMPLATE } from "../init/init-templates.js";
import { INIT_TICKETS } from "../init/init-tickets.js";
import { PROJECT_FILE } from "../project/load-project.js";

/** `tsdspy init`: scaffolds a project that compiles, gates and reports offline on the simulator; never overwrites. */
export async function initCommand(context: CommandContext): Promise<number> {
  const files: Array<[string, string]> = [
    [PROJECT_FILE, CONFIG_TEMPLATE],
    ["program.ts", PROGRAM_TEMPLATE],
    ["metric.ts", METRIC_TEMPLATE],
    [join("data", "tickets.jsonl"), INIT_TICKETS.join("\n") + "\n"],
    [".gitignore", GITIGNORE_TEMPLATE],
  ];
  const present = files.map(([name]) => name).filter((name) => existsSync(join(context.cwd, name)) && name !== ".gitignore");
  if (present.length) {
    throw new ProjectError(`${present.join(", ")} already exist in ${context.cwd}; tsdspy init writes nothing over existing files (move them away, or init in a new folder).`);
  }
  mkdirSync(join(context.cwd, "data"), { recursive: true });
  const written: string[] = [];
  for (const [name, text] of files) {
    if (existsSync(join(context.cwd, name))) continue;
    writeFileSync(join(context.cwd, name), text, "utf8");
    written.push(name);
  }
  // The project file and the program are ES modules: the folder's package must say so (`npm init -y` says commonjs).
  const packageFile = join(context.cwd, "package.json");
  const pkg = existsSync(packageFile) ? (JSON.parse(readFileSync(packageFile, "utf8")) as Record<string, unknown>) : { private: true };
  if (pkg.type !== "module") {
    if (existsSync(packageFile)) context.logger.warn(`tsdspy init: set "type": "module" in ${packageFile} (it said ${JSON.stringify(pkg.type ?? "nothing")}): ${PROJECT_FILE} and the program are ES modules.`);
    writeFileSync(packageFile, JSON.stringify({ ...pkg, type: "module" }, null, 2) + "\n", "utf8");
    written.push("package.json");
  }
  printResult(context, { dir: context.cwd, files: written }, () => [
    `Wrote ${written.join(", ")} in ${context.cwd}.`,
    "Next: npx tsdspy compile && npx tsdspy evaluate && npx tsdspy gate && npx tsdspy promote && npx tsdspy report",
  ]);
  return 0;
}
