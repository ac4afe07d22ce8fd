import type { Logger } from "../context/logger.js";
import type { ImportModule } from "./project/load-project.js";

/** Where the CLI writes, where it runs, and how it learns that it should stop serving. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Resolves when a long-running command should stop (SIGINT/SIGTERM for the real process). */
  waitForStop: () => Promise<void>;
  /** The folder commands run in (default `process.cwd()`). */
  cwd?: string;
  /** Imports the project file and program module (the executable passes `import()` with tsx's loader registered). */
  importModule?: ImportModule;
}

/** Exit codes CI can branch on. */
export const EXIT = {
  ok: 0,
  /** A gate failed, promotion was refused, or drift was found: the command worked and the answer is no. */
  rejected: 1,
  /** The command line was wrong (unknown command or option). */
  usage: 2,
  /** The project, its data, a run directory or an artifact needs fixing; the message says what. */
  project: 3,
} as const;

/** What every project command receives. */
export interface CommandContext {
  io: CliIO;
  cwd: string;
  importModule: ImportModule;
  /** `--config`: the project file (default `tsdspy.config.ts` in `cwd`). */
  configPath?: string | undefined;
  json: boolean;
  /** Progress and the library's own lines, on standard error. */
  logger: Logger;
}

/** A logger writing lines to the CLI's standard error (no live bars: they would garble CI logs). */
export function stderrLogger(io: CliIO): Logger {
  const line = (message: string) => io.stderr(`${message}\n`);
  return { debug: () => {}, info: line, warn: line, error: line };
}

/** Prints a command's result: its JSON with `--json`, else the human lines. */
export function printResult(context: CommandContext, json: unknown, lines: () => string[]): void {
  if (context.json) context.io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  else context.io.stdout(lines().map((l) => `${l}\n`).join(""));
}
