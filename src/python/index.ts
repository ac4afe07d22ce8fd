/**
 * `tsdspy/python`: the Python rendering and parsing rules tsdspy follows to stay byte-identical with DSPy
 * (CPython's `random.Random`, `str`/`repr` of values, float formatting, `json_repair.loads`, `ast.literal_eval`).
 */
export { PyFloat, pyFloat } from "./py-float.js";
export { pyRepr, pyStr, pyJsonDumps, pyFloatRepr } from "./pyfmt.js";
export { pyRound, pyFormatFixed } from "./py-round.js";
export { parsePyJson } from "./py-json.js";
export { jsonRepairLoads } from "./json-repair.js";
export { pythonLiteralEval } from "./python-literal.js";
export { PyComplex } from "./py-complex.js";
export { PY_ELLIPSIS } from "./py-ellipsis.js";
export { PythonRandom, type PythonRandomSeed, type PythonRandomState } from "./python-random.js";
export { pickleDumps, PyRef, PyDict, PyTuple, PickleInstance } from "./python-pickle.js";
