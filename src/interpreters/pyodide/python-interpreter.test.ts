import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CodeExecutionError } from "../../errors/code-execution-error.js";
import { CodeInterpreterError } from "../../errors/code-interpreter-error.js";
import { PythonSyntaxError } from "../../errors/python-syntax-error.js";
import { FinalOutput } from "../code-interpreter.js";
import { PythonInterpreter } from "./python-interpreter.js";

// One warm interpreter for the whole file (a Pyodide cold start takes ~10-20 s); the timeout test restarts it last.
const dir = mkdtempSync(join(tmpdir(), "tsdspy-sandbox-"));
const readable = join(dir, "notes.txt");
const writable = join(dir, "out.txt");
const secret = join(dir, "secret.txt");
writeFileSync(readable, "granted text");
writeFileSync(secret, "not granted");
process.env.TSDSPY_SANDBOX_GRANTED = "granted-value";
process.env.TSDSPY_SANDBOX_HIDDEN = "hidden-value";
const toolCalls: Array<Record<string, unknown>> = [];
const python = new PythonInterpreter({
  timeoutMs: 20_000,
  memoryLimitMb: 192,
  enableReadPaths: [readable],
  enableWritePaths: [writable],
  enableEnvVars: ["TSDSPY_SANDBOX_GRANTED"],
  tools: {
    add: {
      parameters: [{ name: "a", type: "int" }, { name: "b", type: "int", default: 1 }],
      call: (kwargs) => {
        toolCalls.push(kwargs);
        return (kwargs.a as number) + (kwargs.b as number);
      },
    },
    lookup: { parameters: [{ name: "key", type: "str" }], call: async ({ key }) => ({ key, found: true }) },
    broken: { call: () => { throw new TypeError("no such record"); } },
  },
});
afterAll(() => python.shutdown());

const failure = (code: string) => python.execute(code).then(() => expect.unreachable("the code should have failed"), (error: unknown) => error);

describe("PythonInterpreter (Pyodide in a worker)", () => {
  it("returns the last expression's value, else stdout, and keeps state across runs", { timeout: 120_000 }, async () => {
    expect(await python.execute("print(1 + 2)")).toBe("3\n");
    expect(await python.execute("x = 40")).toBe("");
    expect(await python.execute("x + 2")).toBe(42);
    expect(await python.execute("[x, 'a', None, {'k': 1.5}]")).toEqual([40, "a", null, { k: 1.5 }]);
    expect(await python.execute("y * 2", { y: 21 })).toBe(42);
  });

  it("returns SUBMIT's values as a FinalOutput", async () => {
    const result = await python.execute("SUBMIT({'answer': 4})");
    expect(result).toBeInstanceOf(FinalOutput);
    expect((result as FinalOutput).output).toEqual({ output: { answer: 4 } });
  });

  it("formats exceptions as DSPy does and serves the next call", async () => {
    const error = await failure("1 / 0");
    expect(error).toBeInstanceOf(CodeExecutionError);
    expect((error as Error).message).toBe("ZeroDivisionError: ['division by zero']");
    expect(((await failure("raise ValueError('bad', 3)")) as Error).message).toBe("ValueError: ['bad', 3]");
    const syntax = await failure("x = = 1");
    expect(syntax).toBeInstanceOf(PythonSyntaxError);
    expect((syntax as Error).message).toBe('Invalid Python syntax. message: File "<exec>", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax');
    expect(await python.execute("x")).toBe(40);
  });

  it("calls TypeScript tools from Python with DSPy's typed wrappers", async () => {
    expect(await python.execute("add(a=2)")).toBe(3);
    expect(await python.execute("add(5, b=10)")).toBe(15);
    expect(toolCalls).toEqual([{ a: 2, b: 1 }, { a: 5, b: 10 }]);
    expect(await python.execute("r = lookup(key='k')\nr['found'], r['key']")).toEqual([true, "k"]);
    expect(((await failure("broken()")) as Error).message).toBe("RuntimeError: ['TypeError: no such record']");
    expect(((await failure("add()")) as Error).message).toBe("TypeError: [\"add() missing 1 required positional argument: 'a'\"]");
  });

  it("refuses host files, environment variables and the network unless granted", async () => {
    expect(await python.execute("open('/sandbox/notes.txt').read()")).toBe("granted text");
    const hostFile = await failure(`open(${JSON.stringify(secret)}).read()`);
    expect((hostFile as Error).message).toBe("FileNotFoundError: [44, 'No such file or directory']");
    expect(((await failure("open('/etc/passwd').read()")) as Error).message).toMatch(/^FileNotFoundError/);
    expect(await python.execute("import os\nos.environ.get('TSDSPY_SANDBOX_GRANTED'), os.environ.get('TSDSPY_SANDBOX_HIDDEN')")).toEqual(["granted-value", null]);
    expect(await python.execute("import os\nsorted(k for k in os.environ if k.startswith('TSDSPY'))")).toEqual(["TSDSPY_SANDBOX_GRANTED"]);

    const server = createServer((_, res) => res.end("reached"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    let hits = 0;
    server.on("request", () => hits++);
    try {
      const url = await failure(`import urllib.request\nurllib.request.urlopen('http://127.0.0.1:${port}/').read()`);
      expect((url as Error).message).toBe("URLError: ['[Errno 63] Operation not permitted']");
      const socket = await failure(`import socket\nsocket.create_connection(('127.0.0.1', ${port}))`);
      expect((socket as Error).message).toBe("PermissionError: [63, 'Operation not permitted']");
      expect(((await failure(`import pyodide.http\npyodide.http.open_url('http://127.0.0.1:${port}/')`)) as Error).message).toMatch(/^NameError/);
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });

  it("closes the ways from Python into the worker's JavaScript", async () => {
    expect(((await failure("import js")) as Error).message).toBe("ModuleNotFoundError: [\"No module named 'js'\"]");
    expect(((await failure("import pyodide_js")) as Error).message).toBe("ModuleNotFoundError: [\"No module named 'pyodide_js'\"]");
    expect(await python.execute("from pyodide.ffi import to_js\nstr(to_js([1]).constructor.constructor)")).toBe("None");
  });

  it("writes granted write paths back to the host after a run", async () => {
    await python.execute("with open('/sandbox/out.txt', 'w') as f:\n    f.write('from python')");
    expect(readFileSync(writable, "utf8")).toBe("from python");
  });

  it("stops unbounded allocation at the memory cap with MemoryError and keeps serving", async () => {
    const error = await failure("hog = []\nwhile True:\n    hog.append(' ' * 10**6)");
    expect(error).toBeInstanceOf(CodeExecutionError);
    expect((error as CodeExecutionError).pythonType).toBe("MemoryError");
    expect((error as Error).message).toBe('MemoryError: Traceback (most recent call last):\n  File "<exec>", line 3, in <module>\nMemoryError');
    expect((await python.memoryUsage()).pythonHeapBytes).toBeLessThanOrEqual(192 * 1024 * 1024);
    expect(await python.execute("del hog\nx")).toBe(40);
  });

  it("runs 100 programs without growing the Python heap", async () => {
    const program = "values = [i * i for i in range(2000)]\nprint(sum(values))\ntry:\n    1 / 0\nexcept ZeroDivisionError:\n    pass";
    for (let i = 0; i < 10; i++) await python.execute(program);
    const before = await python.memoryUsage();
    for (let i = 0; i < 100; i++) expect(await python.execute(program)).toBe("2664667000\n");
    const after = await python.memoryUsage();
    expect(after.pythonHeapBytes).toBe(before.pythonHeapBytes);
  });

  it("reset() forgets the previous program's names but keeps tools and SUBMIT", async () => {
    await python.reset();
    expect(((await failure("x")) as Error).message).toBe("NameError: [\"name 'x' is not defined\"]");
    expect(await python.execute("add(a=1, b=1)")).toBe(2);
  });

  it("stops an endless loop at the timeout, restarts the worker, and serves the next call", { timeout: 120_000 }, async () => {
    const error = await failure("while True:\n    pass");
    expect(error).toBeInstanceOf(CodeExecutionError);
    expect((error as CodeExecutionError).pythonType).toBe("TimeoutError");
    expect(await python.execute("print('alive')")).toBe("alive\n");
    expect(((await failure("x")) as Error).message).toBe("NameError: [\"name 'x' is not defined\"]");
    expect(await python.execute("open('/sandbox/notes.txt').read()")).toBe("granted text");
  });

  it("refuses work after shutdown", async () => {
    const stopped = new PythonInterpreter();
    await stopped.shutdown();
    await expect(stopped.execute("1")).rejects.toBeInstanceOf(CodeInterpreterError);
  });
});
