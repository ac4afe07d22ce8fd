import { expect, it } from "vitest";

/** The `tsdspy/python` subpath: Python rendering rules, kept out of the root (STYLE.md habit 10). */
it("exports exactly the Python parity API", async () => {
  const keys = Object.keys(await import("./index.js")).sort();
  expect(keys).toMatchInlineSnapshot(`
    [
      "PY_ELLIPSIS",
      "PickleInstance",
      "PyComplex",
      "PyDict",
      "PyFloat",
      "PyRef",
      "PyTuple",
      "PythonRandom",
      "jsonRepairLoads",
      "parsePyJson",
      "pickleDumps",
      "pyFloat",
      "pyFloatRepr",
      "pyFormatFixed",
      "pyJsonDumps",
      "pyRepr",
      "pyRound",
      "pyStr",
      "pythonLiteralEval",
    ]
  `);
});
