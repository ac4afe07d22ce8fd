import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { consoleLogger, silentLogger } from "./logger.js";

const srcDir = fileURLToPath(new URL("..", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "__fixtures__" ? [] : sourceFiles(path);
    return /\.ts$/.test(name) && !/\.(test|test-d|case)\.ts$/.test(name) ? [path] : [];
  });
}

describe("where tsdspy writes", () => {
  it("the console logger writes lines and progress to standard error only; the silent logger writes nothing", () => {
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      consoleLogger.info("i");
      consoleLogger.warn("w %s");
      consoleLogger.error("e");
      consoleLogger.debug("d");
      expect(consoleLogger.progress).toBe(process.stderr);
      for (const method of ["debug", "info", "warn", "error"] as const) silentLogger[method]("x");
      expect(silentLogger.progress).toBeUndefined();
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr.mock.calls.map(([text]) => text)).toEqual(["i\n", "w %s\n", "e\n"]);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });

  it("no library code writes to standard output or the console except where the user asks for output", () => {
    // The CLI prints what its commands produce; inspectHistory prints the history the user asked to see.
    const allowed = new Set(["cli/main.ts", "context/inspect-history.ts"]);
    const offenders = sourceFiles(srcDir)
      .map((file) => relative(srcDir, file))
      .filter((file) => !allowed.has(file))
      .filter((file) => /process\.stdout|console\.(log|info|warn|error|debug)\(/.test(readFileSync(join(srcDir, file), "utf8").replace(/^\s*\*.*$/gm, "")));
    expect(offenders).toEqual([]);
  });
});
