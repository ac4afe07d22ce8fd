export { FinalOutput, type CodeInterpreter, type InterpreterTool, type InterpreterToolParameter, type SubmitField } from "./code-interpreter.js";
export { PythonInterpreter, type PythonInterpreterOptions } from "./pyodide/python-interpreter.js";
export { CodeInterpreterError } from "../errors/code-interpreter-error.js";
export { CodeExecutionError } from "../errors/code-execution-error.js";
