import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { DSPyError } from "../errors/dspy-error.js";
import { ProjectError } from "../errors/project-error.js";
import { startSimServer } from "../sim/sim-server.js";
import { EXIT, stderrLogger, type CliIO, type CommandContext } from "./cli-context.js";

export type { CliIO } from "./cli-context.js";

/** tsdspy's version, from the package.json two folders up (the same from src/cli and from dist/cli). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function port(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new CommanderError(EXIT.usage, "tsdspy.port", `--port must be a whole number from 0 to 65535; got "${value}".`);
  return Number(value);
}

/** The `tsdspy` command tree; `run` receives each command's work and returns its exit code. */
function buildProgram(io: CliIO, run: (work: (context: CommandContext) => Promise<number>, command: Command) => Promise<void>): Command {
  const program = new Command("tsdspy")
    .description("Compile, evaluate, gate, release and serve tsdspy programs from a typed project file (tsdspy.config.ts).")
    .version(packageVersion(), "-v, --version", "Print tsdspy's version.")
    .option("--json", "Print the result as JSON on standard output (progress stays on standard error).")
    .option("--config <file>", "The project file (default: tsdspy.config.ts in the current folder).")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .addHelpText(
      "after",
      "\nExit codes: 0 success; 1 a gate failed, promotion was refused or drift was found; 2 a wrong command line;\n3 the project, its data, a run folder or an artifact needs fixing (the message says what).\n",
    );
  const model = () => new Option("--model <revision>", "Only this model revision (repeatable; default: every one in the project file).").argParser(collect);

  program
    .command("init")
    .description("Scaffold tsdspy.config.ts, a program, a metric and a tiny dataset that run offline on the simulator.")
    .action((_, command: Command) => run(async (c) => (await import("./commands/init-command.js")).initCommand(c), command));
  program
    .command("compile")
    .description("Compile every optimizer × model revision of the project file (resumable; candidates and validation scores into runDir).")
    .addOption(model())
    .option("--fresh", "Discard earlier runs of these candidates and compile from scratch.")
    .action((options, command: Command) => run(async (c) => (await import("./commands/compile-command.js")).compileCommand(c, options), command));
  program
    .command("evaluate")
    .description("Per-slice test scores of the baseline and every candidate with bootstrap confidence intervals; with --artifact and --data, check a released artifact for drift.")
    .addOption(model())
    .option("--artifact <dir>", "A promoted artifact to check on fresh data (needs --data).")
    .option("--data <file>", "Fresh labelled examples (JSON Lines, the project's fields).")
    .action((options, command: Command) => run(async (c) => (await import("./commands/evaluate-command.js")).evaluateCommand(c, options), command));
  program
    .command("gate")
    .description("Apply the release gates to each model revision's selected candidate: every slice at or above its minimum, better than the baseline. Exit 1 when any fails.")
    .addOption(model())
    .action((options, command: Command) => run(async (c) => (await import("./commands/gate-command.js")).gateCommand(c, options), command));
  program
    .command("promote")
    .description("Write the versioned artifact (DSPy state + manifest) of each passing candidate into the registry; refuses (exit 1) on a failed gate.")
    .addOption(model())
    .action((options, command: Command) => run(async (c) => (await import("./commands/promote-command.js")).promoteCommand(c, options), command));
  program
    .command("matrix")
    .description("The compilation matrix, program version × model revision: which artifacts exist, their scores, which are stale.")
    .action((_, command: Command) => run(async (c) => (await import("./commands/matrix-command.js")).matrixCommand(c), command));
  program
    .command("serve")
    .description("Serve an artifact read-only over HTTP: POST /predict with the inputs as JSON, POST /predict/stream for server-sent events of the output fields, GET /health. No optimizer runs.")
    .argument("[artifact]", "The artifact folder (or use --model).")
    .option("--model <revision>", "Serve the registry's artifact for this model revision and the project's program version.")
    .option("--port <n>", "Port to listen on; 0 picks a free one.", port, 0)
    .option("--host <addr>", "Address to bind.", "127.0.0.1")
    .action((artifact: string | undefined, options, command: Command) =>
      run(async (c) => (await import("./commands/serve-command.js")).serveCommand(c, { artifact, ...options }), command),
    );
  program
    .command("inspect")
    .description("Show what an artifact will send: each predictor's prompt, instructions and demos, and its manifest.")
    .argument("<artifact>", "The artifact folder.")
    .action((artifact: string, _, command: Command) => run(async (c) => (await import("./commands/inspect-command.js")).inspectCommand(c, artifact), command));
  program
    .command("report")
    .description("Write the run report: one static HTML file (no server needed) with the trials, GEPA's Pareto front, slices against gates, costs and the winning prompt's diff.")
    .argument("[runDir]", "The run folder (default: the project's runDir).")
    .option("--out <file>", "Where to write the report (default: <runDir>/report.html).")
    .action((runDir: string | undefined, options, command: Command) =>
      run(async (c) => (await import("./commands/report-command.js")).reportCommand(c, { runDir, ...options }), command),
    );

  const sim = program.command("sim").description("The offline simulator (a stand-in for a language model, for demos and tests).");
  sim
    .command("serve")
    .description("Serve the simulator over an OpenAI-compatible API; prints the base URL on standard output, then serves until interrupted.")
    .option("--port <n>", "Port to listen on; 0 picks a free one.", port, 0)
    .option("--host <addr>", "Address to bind.", "127.0.0.1")
    .option("--model <id>", "Model id the server reports (default tsdspy-sim-1).")
    .option("--seed <s>", "Varies the simulator's seeded choices (two seeds act like two similar models).")
    .action((options: { port: number; host: string; model?: string; seed?: string }, command: Command) =>
      run(async () => {
        const server = await startSimServer({ port: options.port, host: options.host, ...(options.model ? { modelId: options.model } : {}), ...(options.seed ? { seed: options.seed } : {}) });
        io.stdout(`${server.url}\n`);
        io.stderr("tsdspy sim: serving the simulator (not a language model) until interrupted.\n");
        await io.waitForStop();
        await server.close();
        return EXIT.ok;
      }, command),
    );
  return program;
}

const refuseImport = (url: string): Promise<Record<string, unknown>> =>
  Promise.reject(new ProjectError(`This tsdspy CLI was started without a module importer, so it cannot load ${url}; run it as the \`tsdspy\` executable.`));

/** Runs the `tsdspy` command line; resolves to the process exit code (see `EXIT`). */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let code: number = EXIT.ok;
  let json = false;
  const run = async (work: (context: CommandContext) => Promise<number>, command: Command) => {
    const globals = command.optsWithGlobals<{ json?: boolean; config?: string }>();
    json = globals.json === true;
    const context: CommandContext = {
      io,
      cwd: io.cwd ?? process.cwd(),
      importModule: io.importModule ?? refuseImport,
      configPath: globals.config,
      json,
      logger: stderrLogger(io),
    };
    code = await work(context);
  };
  const program = buildProgram(io, run);
  if (argv.length === 0) {
    io.stderr(`No command given.\n\n${program.helpInformation()}`);
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "tsdspy.port") io.stderr(`${error.message}\n`);
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (!DSPyError.isInstance(error)) throw error;
    io.stderr(`tsdspy: ${error.message}\n`);
    if (json) io.stdout(`${JSON.stringify({ error: { name: error.name, message: error.message } }, null, 2)}\n`);
    return EXIT.project;
  }
}
