/**
 * The few Python AST shapes `ast.literal_eval` looks into; every other expression is kept only as
 * its class name (`Name`, `Call`, `Compare`, ...) and line, which is all the error message needs.
 */
export type PyNode =
  | { kind: "Constant"; line: number; value: unknown; isNumber: boolean }
  | { kind: "List" | "Tuple" | "Set"; line: number; elts: Elements }
  | { kind: "Dict"; line: number; keys: Elements; values: Elements }
  | { kind: "UnaryOp"; line: number; op: "UAdd" | "USub" | "Not" | "Invert"; operand: PyNode }
  | { kind: "BinOp"; line: number; op: string; left: PyNode; right: PyNode }
  | { kind: "Call"; line: number; func: PyNode; argCount: number }
  | { kind: "Name"; line: number; id: string }
  | { kind: "Other"; line: number; pyClass: string };

/**
 * The elements of a tuple, list or set display, or the keys or the values of a dict display, in order. An element
 * that is a literal (a constant, a signed number, `real ± imaginary`, a tuple of literals, a dict of literals with
 * scalar keys: what literal_eval turns into a value without fail, and hashes by that value or refuses as a dict) is
 * kept as its value, any other as its node: a long display of literals holds no node per element. (An array held as
 * a value is a tuple's: lists are kept as nodes.) `nodeAt` lists, ascending, the positions of `items` that hold a node; in a dict's keys, a
 * `null` node there is a `**mapping` item.
 */
export interface Elements {
  items: unknown[];
  nodeAt: number[];
}

/** The Python AST class name of a node (`<ast.Name object>` in error messages). */
export function pyClassName(node: PyNode): string {
  return node.kind === "Other" ? node.pyClass : node.kind;
}
