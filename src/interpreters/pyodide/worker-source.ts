/**
 * The worker thread's program (run with `new Worker(source, { eval: true })`, so it needs no file of its own).
 * It caps the WebAssembly heap, loads Pyodide, closes the ways out of Python (the `js` and `pyodide_js` modules,
 * the Function constructors that turn a JS object into code, network globals, sockets), then serves requests from the host:
 * `execute`, `reset` (a fresh namespace with tool wrappers and SUBMIT), `writeFile` and `readFile` (the virtual
 * file system), `memory` (heap sizes). A tool call blocks the worker on `Atomics.wait` until the host has answered on the tool port.
 */
export const WORKER_SOURCE = String.raw`
"use strict";
const { parentPort, workerData, receiveMessageOnPort } = require("node:worker_threads");
const { pyodideUrl, indexURL, env, memoryLimitBytes, runnerSource, toolPort, toolSignal } = workerData;
const signal = new Int32Array(toolSignal);

const grow = WebAssembly.Memory.prototype.grow;
Object.defineProperty(WebAssembly.Memory.prototype, "grow", {
  configurable: false,
  writable: false,
  value: function cappedGrow(pages) {
    if (this.buffer.byteLength + pages * 65536 > memoryLimitBytes) throw new RangeError("sandbox memory limit reached");
    return grow.call(this, pages);
  },
});

function hostCall(name, kwargsJson) {
  toolPort.postMessage({ name: String(name), kwargsJson: String(kwargsJson) });
  Atomics.wait(signal, 0, 0);
  Atomics.store(signal, 0, 0);
  const reply = receiveMessageOnPort(toolPort);
  return reply === undefined ? JSON.stringify({ error: "Tool bridge error: no reply from the host" }) : reply.message;
}

function lockDown(pyodide) {
  for (const name of ["js", "pyodide_js"]) pyodide.unregisterJsModule(name);
  pyodide.runPython("import sys\nfor _name in ('js', 'pyodide_js'):\n    sys.modules.pop(_name, None)\ndel _name");
  const constructors = [Function, (async function () {}).constructor, (function* () {}).constructor, (async function* () {}).constructor];
  for (const ctor of constructors) Object.defineProperty(ctor.prototype, "constructor", { value: undefined, writable: false, configurable: false });
  for (const name of ["eval", "fetch", "WebSocket", "XMLHttpRequest", "EventSource", "Request", "Response", "Headers", "FormData", "require"]) {
    try { delete globalThis[name]; } catch {}
    if (name in globalThis) Object.defineProperty(globalThis, name, { value: undefined, writable: false, configurable: false });
  }
}

async function main() {
  const { loadPyodide } = await import(pyodideUrl);
  const pyodide = await loadPyodide({ indexURL, env, jsglobals: {}, stdout: () => {}, stderr: () => {}, stdin: () => null });
  const runner = pyodide.toPy({});
  runner.set("_host_call", hostCall);
  pyodide.runPython(runnerSource, { globals: runner, filename: "<tsdspy-runner>" });
  const newNamespace = runner.get("_new_namespace");
  const run = runner.get("_run");
  lockDown(pyodide);
  const FS = pyodide.FS;
  const SOCKFS = pyodide._module.SOCKFS;
  if (SOCKFS) SOCKFS.createSocket = () => { throw new FS.ErrnoError(63); };
  for (const name of Object.keys(FS.filesystems)) if (name !== "MEMFS") delete FS.filesystems[name];
  let namespace = newNamespace();

  parentPort.on("message", (request) => {
    let reply;
    try {
      if (request.kind === "execute") {
        reply = { payload: run(request.code, namespace, request.variablesJson) };
      } else if (request.kind === "reset") {
        namespace.destroy();
        namespace = newNamespace();
        pyodide.runPython(request.prelude, { globals: namespace });
        reply = {};
      } else if (request.kind === "writeFile") {
        FS.mkdirTree(request.path.slice(0, request.path.lastIndexOf("/")) || "/");
        FS.writeFile(request.path, request.data);
        reply = {};
      } else if (request.kind === "readFile") {
        reply = { data: FS.analyzePath(request.path).exists ? FS.readFile(request.path) : null };
      } else if (request.kind === "memory") {
        reply = { pythonHeapBytes: pyodide._module.HEAP8.buffer.byteLength, jsHeapUsedBytes: process.memoryUsage().heapUsed };
      } else {
        reply = { failure: "unknown request " + String(request.kind) };
      }
    } catch (error) {
      reply = { failure: String(error && error.message ? error.message : error) };
    }
    parentPort.postMessage({ kind: "reply", id: request.id, ...reply });
  });
  parentPort.postMessage({ kind: "ready", version: pyodide.version });
}

main().catch((error) => parentPort.postMessage({ kind: "fatal", message: String(error && error.stack ? error.stack : error) }));
`;
