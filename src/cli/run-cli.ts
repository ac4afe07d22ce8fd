import { readFileSync } from "node:fs";
import { startSimServer } from "../sim/sim-server.js";

/** Where the CLI writes, and how it learns that it should stop serving. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Resolves when a long-running command should stop (SIGINT/SIGTERM for the real process). */
  waitForStop: () => Promise<void>;
}

export const USAGE = `Usage: tsdspy <command> [options]

Commands:
  sim serve     Serve the offline simulator over an OpenAI-compatible API (tsdspy sim --help).

Options:
  -h, --help     Show help; after a command, that command's help.
  -v, --version  Print tsdspy's version.
`;

export const SIM_USAGE = `Usage: tsdspy sim serve [--port N] [--host ADDR] [--model ID] [--seed S]

Serve the offline simulator (a stand-in for a language model, for demos and tests) over an OpenAI-compatible API.
Prints the base URL (e.g. http://127.0.0.1:43117/v1) on standard output, then serves until interrupted.

Options:
  --port N       Port to listen on; 0 picks a free one (default 0).
  --host ADDR    Address to bind (default 127.0.0.1).
  --model ID     Model id the server reports (default tsdspy-sim-1).
  --seed S       Varies the simulator's seeded choices (two seeds act like two similar models).
  -h, --help     Show this help.
`;

/** tsdspy's version, from the package.json two folders up (the same from src/cli and from dist/cli). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

const isHelp = (arg: string | undefined) => arg === "-h" || arg === "--help";

type Parsed = { ok: true; options: Record<string, string> } | { ok: false; message: string };

function parseOptions(args: string[], allowed: readonly string[]): Parsed {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const name = flag.replace(/^--/, "");
    if (!flag.startsWith("--") || !allowed.includes(name)) return { ok: false, message: `Unknown argument "${arg}".` };
    const value = inline ?? args[++i];
    if (value === undefined || value === "") return { ok: false, message: `Option --${name} needs a value.` };
    options[name] = value;
  }
  return { ok: true, options };
}

async function simServe(args: string[], io: CliIO): Promise<number> {
  const parsed = parseOptions(args, ["port", "host", "model", "seed"]);
  if (!parsed.ok) {
    io.stderr(`${parsed.message}\n\n${SIM_USAGE}`);
    return 2;
  }
  const { port: portText = "0", host = "127.0.0.1", model, seed } = parsed.options;
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    io.stderr(`--port must be a whole number from 0 to 65535; got "${portText}".\n`);
    return 2;
  }
  const server = await startSimServer({ port, host, ...(model ? { modelId: model } : {}), ...(seed ? { seed } : {}) });
  io.stdout(`${server.url}\n`);
  io.stderr("tsdspy sim: serving the simulator (not a language model) until interrupted.\n");
  await io.waitForStop();
  await server.close();
  return 0;
}

/** Runs the `tsdspy` command line; resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (isHelp(command) || (command === "help" && sub === undefined)) {
    io.stdout(USAGE);
    return 0;
  }
  if (command === "-v" || command === "--version") {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  if (command === "sim" || (command === "help" && sub === "sim")) {
    if (command === "help" || isHelp(sub) || (sub === "serve" && rest.some(isHelp))) {
      io.stdout(SIM_USAGE);
      return 0;
    }
    if (sub === "serve") return simServe(rest, io);
    io.stderr(`${sub === undefined ? "tsdspy sim needs a subcommand." : `Unknown command "sim ${sub}".`}\n\n${SIM_USAGE}`);
    return 2;
  }
  io.stderr(`${command === undefined ? "No command given." : `Unknown command "${command}".`}\n\n${USAGE}`);
  return 2;
}
