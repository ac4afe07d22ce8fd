/** Python's `repr(type(value))` for the JSON-like value `value` maps to: `<class 'str'>`, `<class 'list'>`, … */
export function pyClassRepr(value: unknown): string {
  let name: string;
  if (value === null || value === undefined) name = "NoneType";
  else if (typeof value === "string") name = "str";
  else if (typeof value === "boolean") name = "bool";
  else if (typeof value === "bigint") name = "int";
  else if (typeof value === "number") name = Number.isInteger(value) ? "int" : "float";
  else if (Array.isArray(value)) name = "list";
  else if (typeof value === "function") name = "function";
  else {
    const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
    name = proto === null || proto === Object.prototype ? "dict" : (proto.constructor?.name ?? "object");
  }
  return `<class '${name}'>`;
}
