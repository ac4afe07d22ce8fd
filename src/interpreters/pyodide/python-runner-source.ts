import type { InterpreterToolParameter, SubmitField } from "../code-interpreter.js";

/**
 * The Python side of the sandbox, run once per worker in a private namespace. `_run(code, ns, variables_json)`
 * executes one program in the namespace `ns` and answers JSON: `{"output": …}`, `{"final": …}` (SUBMIT), or
 * `{"error": {"type", "message", "args"}}`. The host-tool bridge `_host_call` is a synchronous JS function.
 */
export const PYTHON_RUNNER_SOURCE = `
import sys, io, json, traceback
from pyodide.code import eval_code

class _DSPyFinalOutput(BaseException):
    pass

def _jsonable(value):
    return json.loads(json.dumps(value, default=str))

def _call_tool(name, kwargs):
    reply = json.loads(_host_call(name, json.dumps({"kwargs": kwargs}, default=str)))
    if "error" in reply:
        raise RuntimeError(reply["error"])
    return json.loads(reply["value"]) if reply["type"] == "json" else reply["value"]

def _default_submit(output):
    raise _DSPyFinalOutput({"output": output})

def _new_namespace():
    return {"__name__": "__main__", "__builtins__": __builtins__, "_DSPyFinalOutput": _DSPyFinalOutput,
            "_call_tool": _call_tool, "SUBMIT": _default_submit}

def _run(code, ns, variables_json):
    saved = sys.stdout, sys.stderr
    out = io.StringIO()
    sys.stdout, sys.stderr = out, io.StringIO()
    try:
        ns.update(json.loads(variables_json))
        value = eval_code(code, ns)
        return json.dumps({"output": out.getvalue() if value is None else _jsonable(value)})
    except _DSPyFinalOutput as final:
        return json.dumps({"final": _jsonable(final.args[0]) if final.args else None})
    except SyntaxError as error:
        if type(error) is SyntaxError:
            return json.dumps({"error": {"type": "SyntaxError", "message": "".join(traceback.format_exception_only(error)).strip(), "args": []}})
        return json.dumps({"error": {"type": type(error).__name__, "message": "", "args": _jsonable(list(error.args))}})
    except BaseException as error:
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != "<exec>":
            tb = tb.tb_next
        message = "".join(traceback.format_exception(type(error), error, tb)).strip()
        try:
            args = _jsonable(list(error.args))
        except BaseException:
            args = [str(arg) for arg in error.args]
        return json.dumps({"error": {"type": type(error).__name__, "message": message, "args": args}})
    finally:
        sys.stdout, sys.stderr = saved
`;

const PYTHON_TYPES = new Set(["str", "int", "float", "bool", "list", "dict", "NoneType"]);

const pythonType = (type: string) => (type === "NoneType" ? "type(None)" : type);

/** A JSON value as a Python expression, the way DSPy's runner writes tool defaults. */
const pythonJsonLiteral = (value: unknown) => `__import__("json").loads(${JSON.stringify(JSON.stringify(value))})`;

/** The Python wrapper of a host tool: DSPy's typed signature (`query: str, limit: int = 10`), calling back to the host. */
export function toolWrapperSource(name: string, parameters: ReadonlyArray<InterpreterToolParameter> | undefined): string {
  if (parameters === undefined) return `def ${name}(**kwargs):\n    return _call_tool(${JSON.stringify(name)}, kwargs)\n`;
  const signature = parameters.map((p) => {
    let part = p.name;
    if (p.type !== undefined && PYTHON_TYPES.has(p.type)) part += `: ${pythonType(p.type)}`;
    if (p.default !== undefined) part += ` = ${pythonJsonLiteral(p.default)}`;
    return part;
  });
  const kwargs = parameters.map((p) => `${JSON.stringify(p.name)}: ${p.name}`).join(", ");
  return `def ${name}(${signature.join(", ")}):\n    return _call_tool(${JSON.stringify(name)}, {${kwargs}})\n`;
}

/** DSPy's typed `SUBMIT(a: str, b: int)` that ends the program with those values. */
export function submitWrapperSource(outputs: ReadonlyArray<SubmitField>): string {
  if (outputs.length === 0) return `def SUBMIT(output):\n    raise _DSPyFinalOutput({"output": output})\n`;
  const signature = outputs.map((o) => (o.type !== undefined && PYTHON_TYPES.has(o.type) ? `${o.name}: ${pythonType(o.type)}` : o.name));
  const values = outputs.map((o) => `${JSON.stringify(o.name)}: ${o.name}`);
  return `def SUBMIT(${signature.join(", ")}):\n    raise _DSPyFinalOutput({${values.join(", ")}})\n`;
}
