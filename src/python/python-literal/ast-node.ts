/**
 * The few Python AST shapes `ast.literal_eval` looks into; every other expression is kept only as
 * its class name (`Name`, `Call`, `Compare`, ...) and line, which is all the error message needs.
 */
export type PyNode =
  | { kind: "Constant"; line: number; value: unknown; isNumber: boolean }
  | { kind: "List" | "Tuple" | "Set"; line: number; elts: PyNode[] }
  | { kind: "Dict"; line: number; keys: (PyNode | null)[]; values: PyNode[] }
  | { kind: "UnaryOp"; line: number; op: "UAdd" | "USub" | "Not" | "Invert"; operand: PyNode }
  | { kind: "BinOp"; line: number; op: string; left: PyNode; right: PyNode }
  | { kind: "Call"; line: number; func: PyNode; argCount: number }
  | { kind: "Name"; line: number; id: string }
  | { kind: "Other"; line: number; pyClass: string };

/** The Python AST class name of a node (`<ast.Name object>` in error messages). */
export function pyClassName(node: PyNode): string {
  return node.kind === "Other" ? node.pyClass : node.kind;
}
