import { readFile, writeFile, stat, readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import { CodeExecutionError } from "../../errors/code-execution-error.js";
import { CodeInterpreterError } from "../../errors/code-interpreter-error.js";
import { FinalOutput, type CodeInterpreter, type InterpreterTool, type SubmitField } from "../code-interpreter.js";
import { parsePyJson } from "../../python/py-json.js";
import { errorFromPython } from "./error-from-python.js";
import { locatePyodide } from "./locate-pyodide.js";
import { PYTHON_RUNNER_SOURCE, submitWrapperSource, toolWrapperSource } from "./python-runner-source.js";
import { WORKER_SOURCE } from "./worker-source.js";

export interface PythonInterpreterOptions {
  /** Host functions the code can call by name (without `parameters`, the Python wrapper takes `**kwargs`). */
  tools?: Readonly<Record<string, InterpreterTool>>;
  /** The outputs of a typed `SUBMIT(...)` (default: `SUBMIT(output)`). */
  outputFields?: ReadonlyArray<SubmitField>;
  /** Host files or folders copied into the sandbox at `/sandbox/<basename>` (DSPy's `enable_read_paths`). */
  enableReadPaths?: ReadonlyArray<string>;
  /** Host files copied in like read paths and written back after each run (DSPy's `enable_write_paths`). */
  enableWritePaths?: ReadonlyArray<string>;
  /** Names of host environment variables the code may read in `os.environ` (DSPy's `enable_env_vars`). */
  enableEnvVars?: ReadonlyArray<string>;
  /** Write sandbox changes to `enableWritePaths` back to the host after each run (default true). */
  syncFiles?: boolean;
  /** The longest one `execute` may run before the worker is stopped and restarted (default 30,000 ms). */
  timeoutMs?: number;
  /** The WebAssembly heap of the sandbox's Python, in MiB; allocations beyond it raise `MemoryError` (default 512). */
  memoryLimitMb?: number;
  /** The JavaScript heap of the worker, in MiB (Node's `resourceLimits.maxOldGenerationSizeMb`, default 256). */
  jsHeapLimitMb?: number;
}

interface Pending {
  resolve(reply: Record<string, unknown>): void;
  reject(error: Error): void;
}

interface Session {
  worker: Worker;
  toolPort: MessagePort;
  signal: Int32Array;
  pending: Map<number, Pending>;
  ready: Promise<void>;
  nextId: number;
}

const VIRTUAL_ROOT = "/sandbox";

function checkToolName(name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new CodeInterpreterError(`PythonInterpreter: tool name '${name}' is not a Python identifier.`);
}

/**
 * Runs Python in Pyodide (CPython on WebAssembly) in a worker thread (DSPy's `PythonInterpreter`, which runs Pyodide
 * under Deno). The worker starts on the first `execute` (about 10 s), then serves each run in milliseconds; the
 * sandbox sees no host files, environment variables or network unless granted, each run is stopped after
 * `timeoutMs`, and the Python heap is capped at `memoryLimitMb`. Variables persist across runs until `reset()`.
 * Needs the optional package `pyodide`.
 *
 * @example
 * const python = new PythonInterpreter({ tools: { lookup: { call: ({ key }) => table[key as string] } } });
 * await python.execute("x = lookup(key='a')\nprint(x)");
 * await python.shutdown();
 */
export class PythonInterpreter implements CodeInterpreter {
  readonly tools: ReadonlyMap<string, InterpreterTool>;
  outputFields: ReadonlyArray<SubmitField>;
  readonly timeoutMs: number;
  readonly memoryLimitMb: number;
  readonly jsHeapLimitMb: number;
  private readonly readPaths: readonly string[];
  private readonly writePaths: readonly string[];
  private readonly envVars: readonly string[];
  private readonly syncFiles: boolean;
  private session: Session | null = null;
  private prepared = false;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();

  /** Text for a prompt describing the environment (DSPy's `execution_instructions`). */
  static readonly executionInstructions =
    "Python runs in Pyodide/WebAssembly. State persists across executions, but subprocesses and native " +
    "extensions are unavailable. Python standard libraries such as re, json, collections, and math are available. " +
    "Host filesystem, environment, and network access require explicit permission.";

  constructor(options: PythonInterpreterOptions = {}) {
    this.tools = new Map(Object.entries(options.tools ?? {}));
    for (const name of this.tools.keys()) checkToolName(name);
    this.outputFields = options.outputFields ?? [];
    this.readPaths = options.enableReadPaths ?? [];
    this.writePaths = options.enableWritePaths ?? [];
    const names = new Map<string, string>();
    for (const path of [...this.readPaths, ...this.writePaths]) {
      const existing = names.get(basename(path));
      if (existing !== undefined && existing !== path) throw new CodeInterpreterError("Mounted files must have unique basenames inside the sandbox.");
      names.set(basename(path), path);
    }
    this.envVars = options.enableEnvVars ?? [];
    this.syncFiles = options.syncFiles ?? true;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.memoryLimitMb = options.memoryLimitMb ?? 512;
    this.jsHeapLimitMb = options.jsHeapLimitMb ?? 256;
  }

  /** Starts the worker and loads Pyodide (idempotent); `execute` does this on first use. */
  async start(): Promise<void> {
    if (this.closed) throw new CodeInterpreterError("PythonInterpreter session has ended; create a new interpreter for a fresh session.");
    await this.ensureSession().ready;
  }

  /** Runs `code`; see `CodeInterpreter.execute`. Calls run one at a time, in order. */
  execute(code: string, variables: Readonly<Record<string, unknown>> = {}): Promise<unknown> {
    const run = this.queue.then(() => this.runNow(code, variables));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Adds or replaces host tools and sets SUBMIT's outputs; see `CodeInterpreter.configure` (earlier names are forgotten). */
  configure(options: { tools?: Readonly<Record<string, InterpreterTool>>; outputFields?: ReadonlyArray<SubmitField> }): Promise<void> {
    for (const name of Object.keys(options.tools ?? {})) checkToolName(name);
    const run = this.queue.then(async () => {
      for (const [name, tool] of Object.entries(options.tools ?? {})) (this.tools as Map<string, InterpreterTool>).set(name, tool);
      if (options.outputFields !== undefined) this.outputFields = options.outputFields;
      if (this.session !== null) await this.prepare(this.session);
      else this.prepared = false;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Forgets all variables, functions and imports names of earlier runs (the warm worker is kept). */
  reset(): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.session !== null) await this.prepare(this.session);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * The sandbox's memory: the WebAssembly heap of its Python (it grows in steps and never shrinks) and the worker's
   * JavaScript heap in use. Starts the worker if needed.
   */
  memoryUsage(): Promise<{ pythonHeapBytes: number; jsHeapUsedBytes: number }> {
    const run = this.queue.then(async () => {
      const session = this.ensureSession();
      await session.ready;
      const reply = await this.request(session, { kind: "memory" });
      return { pythonHeapBytes: Number(reply.pythonHeapBytes), jsHeapUsedBytes: Number(reply.jsHeapUsedBytes) };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the worker; later calls throw `CodeInterpreterError`. */
  async shutdown(): Promise<void> {
    this.closed = true;
    await this.queue;
    await this.stopWorker();
  }

  private async runNow(code: string, variables: Readonly<Record<string, unknown>>): Promise<unknown> {
    if (this.closed) throw new CodeInterpreterError("PythonInterpreter session has ended; create a new interpreter for a fresh session.");
    for (const key of Object.keys(variables)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) || key === "json") throw new CodeInterpreterError(`Invalid variable name: '${key}'`);
    }
    const session = this.ensureSession();
    await session.ready;
    if (!this.prepared) {
      await this.prepare(session);
      await this.mountFiles(session);
    }
    const reply = await this.request(session, { kind: "execute", code, variablesJson: JSON.stringify(variables) }, true);
    if (this.syncFiles) await this.syncBack(session);
    const result = parsePyJson(String(reply.payload)) as { output?: unknown; final?: unknown; error?: { type: string; message: string; args: unknown[] } };
    if (result.error !== undefined) throw errorFromPython(result.error);
    if ("final" in result) return new FinalOutput(result.final);
    return result.output;
  }

  private ensureSession(): Session {
    if (this.session !== null) return this.session;
    const { moduleUrl, indexURL } = locatePyodide();
    const channel = new MessageChannel();
    const toolSignal = new SharedArrayBuffer(4);
    const env: Record<string, string> = { HOME: "/home/pyodide" };
    for (const name of this.envVars) if (process.env[name] !== undefined) env[name] = process.env[name] as string;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      env: { ...env },
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: this.jsHeapLimitMb },
      workerData: { pyodideUrl: moduleUrl, indexURL, env, memoryLimitBytes: this.memoryLimitMb * 1024 * 1024, runnerSource: PYTHON_RUNNER_SOURCE, toolPort: channel.port2, toolSignal },
      transferList: [channel.port2],
    });
    worker.stdout.resume();
    worker.stderr.resume();
    const pending = new Map<number, Pending>();
    let markReady!: () => void;
    let failStart!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    ready.catch(() => undefined);
    const session: Session = { worker, toolPort: channel.port1, signal: new Int32Array(toolSignal), pending, ready, nextId: 0 };
    worker.on("message", (message: { kind: string; id?: number; message?: string }) => {
      if (message.kind === "ready") {
        worker.unref();
        channel.port1.unref();
        markReady();
      } else if (message.kind === "fatal") {
        failStart(new CodeInterpreterError(`PythonInterpreter could not start Pyodide: ${message.message}`));
      } else if (message.kind === "reply" && message.id !== undefined) {
        const entry = pending.get(message.id);
        pending.delete(message.id);
        entry?.resolve(message as Record<string, unknown>);
      }
    });
    const onExit = (error: Error) => {
      if (this.session === session) {
        this.session = null;
        this.prepared = false;
      }
      failStart(error);
      for (const entry of pending.values()) entry.reject(error);
      pending.clear();
      channel.port1.close();
    };
    worker.on("error", (error: Error & { code?: string }) => {
      onExit(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new CodeExecutionError("MemoryError", "MemoryError: ['The sandbox ran out of JavaScript heap; it was restarted and earlier variables are gone.']", { cause: error })
          : new CodeInterpreterError(`PythonInterpreter's worker failed: ${error.message}`, { cause: error }),
      );
    });
    worker.on("exit", (code) => onExit(new CodeInterpreterError(`PythonInterpreter's worker exited (code ${code}); it restarts on the next run.`)));
    channel.port1.on("message", (call: { name: string; kwargsJson: string }) => void this.answerToolCall(session, call));
    this.session = session;
    this.prepared = false;
    return session;
  }

  private async answerToolCall(session: Session, call: { name: string; kwargsJson: string }): Promise<void> {
    let reply: string;
    try {
      const tool = this.tools.get(call.name);
      if (tool === undefined) throw new CodeInterpreterError(`Unknown tool: ${call.name}`);
      const { kwargs } = JSON.parse(call.kwargsJson) as { kwargs: Record<string, unknown> };
      const result = await tool.call(kwargs);
      if (result === null || result === undefined || typeof result === "string") reply = JSON.stringify({ type: "string", value: result ?? "" });
      else {
        let json: string | undefined;
        try {
          json = JSON.stringify(result);
        } catch {
          json = undefined;
        }
        reply = json === undefined ? JSON.stringify({ type: "string", value: String(result) }) : JSON.stringify({ type: "json", value: json });
      }
    } catch (error) {
      const type = error instanceof Error ? (error instanceof CodeInterpreterError ? "CodeInterpreterError" : error.name) : "Error";
      reply = JSON.stringify({ error: `${type}: ${error instanceof Error ? error.message : String(error)}` });
    }
    session.toolPort.postMessage(reply);
    Atomics.store(session.signal, 0, 1);
    Atomics.notify(session.signal, 0);
  }

  private request(session: Session, body: Record<string, unknown>, timed = false): Promise<Record<string, unknown>> {
    const id = session.nextId++;
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      session.worker.ref();
      const timer = timed
        ? setTimeout(() => {
            pending.delete(id);
            void this.stopWorker();
            reject(
              new CodeExecutionError(
                "TimeoutError",
                `TimeoutError: ['Code execution exceeded ${this.timeoutMs} ms; the sandbox was restarted and earlier variables are gone.']`,
              ),
            );
          }, this.timeoutMs)
        : undefined;
      const pending = session.pending;
      const settle = () => {
        if (timer !== undefined) clearTimeout(timer);
        if (pending.size === 0) session.worker.unref();
      };
      pending.set(id, {
        resolve: (reply) => {
          settle();
          if (typeof reply.failure === "string") reject(new CodeInterpreterError(`PythonInterpreter's worker failed: ${reply.failure}`));
          else resolve(reply);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      session.worker.postMessage({ ...body, id });
    });
  }

  private async prepare(session: Session): Promise<void> {
    const prelude = [...[...this.tools].map(([name, tool]) => toolWrapperSource(name, tool.parameters))];
    if (this.outputFields.length > 0) prelude.push(submitWrapperSource(this.outputFields));
    await this.request(session, { kind: "reset", prelude: prelude.join("\n") });
    this.prepared = true;
  }

  private async mountFiles(session: Session): Promise<void> {
    for (const path of [...this.readPaths, ...this.writePaths]) {
      const info = await stat(path).catch(() => null);
      if (info === null) {
        if (!this.writePaths.includes(path)) throw new CodeInterpreterError(`Cannot mount non-existent file: ${path}`);
        await writeFile(path, "", { flag: "a" });
      }
      await this.copyIn(session, path, `${VIRTUAL_ROOT}/${basename(path)}`);
    }
  }

  private async copyIn(session: Session, hostPath: string, virtualPath: string): Promise<void> {
    if ((await stat(hostPath)).isDirectory()) {
      for (const entry of await readdir(hostPath)) await this.copyIn(session, join(hostPath, entry), `${virtualPath}/${entry}`);
      return;
    }
    await this.request(session, { kind: "writeFile", path: virtualPath, data: new Uint8Array(await readFile(hostPath)) });
  }

  private async syncBack(session: Session): Promise<void> {
    for (const path of this.writePaths) {
      const reply = await this.request(session, { kind: "readFile", path: `${VIRTUAL_ROOT}/${basename(path)}` });
      if (reply.data instanceof Uint8Array) await writeFile(path, reply.data);
    }
  }

  private async stopWorker(): Promise<void> {
    const session = this.session;
    this.session = null;
    this.prepared = false;
    if (session !== null) await session.worker.terminate();
  }
}
