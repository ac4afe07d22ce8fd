import { isParameter, type Parameter } from "./parameter.js";

/** What traversal needs to know of a module. */
export interface Traversable {
  compiled: boolean;
  namedParameters(): Array<[string, Parameter]>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * DSPy's `named_parameters`: own attributes in insertion order, named `attr`, `attr.sub`, `attr[0]`, `attr['key']`;
 * a parameter reachable twice is listed once; compiled sub-modules are frozen (skipped); a bare parameter is `self`.
 */
export function namedParametersOf(
  owner: object,
  isModule: (value: unknown) => value is Traversable,
): Array<[string, Parameter]> {
  const visited = new Set<object>();
  const out: Array<[string, Parameter]> = [];
  const add = (name: string, value: unknown): void => {
    if (isParameter(value)) {
      if (!visited.has(value)) {
        visited.add(value);
        out.push([name, value]);
      }
    } else if (isModule(value)) {
      if (!value.compiled) for (const [sub, param] of value.namedParameters()) add(`${name}.${sub}`, param);
    }
  };
  if (isParameter(owner)) add("self", owner);
  for (const [name, value] of Object.entries(owner)) {
    if (isParameter(value) || isModule(value)) add(name, value);
    else if (Array.isArray(value)) value.forEach((item, index) => add(`${name}[${index}]`, item));
    else if (value instanceof Map) for (const [key, item] of value) add(`${name}['${String(key)}']`, item);
    else if (isPlainObject(value)) for (const [key, item] of Object.entries(value)) add(`${name}['${key}']`, item);
  }
  return out;
}

/** DSPy's `named_sub_modules`: breadth-first over attributes, lists and dicts, each object once. */
export function* namedSubModulesOf<T>(
  root: object,
  isWanted: (value: unknown) => value is T,
  isModule: (value: unknown) => value is Traversable,
  skipCompiled: boolean,
): Generator<[string, T]> {
  const queue: Array<[string, unknown]> = [["self", root]];
  const seen = new Set<unknown>([root]);
  const push = (name: string, item: unknown) => {
    if (typeof item === "object" && item !== null && !seen.has(item)) {
      seen.add(item);
      queue.push([name, item]);
    }
  };
  while (queue.length) {
    const [name, item] = queue.shift() as [string, unknown];
    if (isWanted(item)) yield [name, item];
    if (isModule(item)) {
      if (skipCompiled && item.compiled) continue;
      for (const [sub, value] of Object.entries(item)) push(`${name}.${sub}`, value);
    } else if (Array.isArray(item)) item.forEach((value, i) => push(`${name}[${i}]`, value));
    else if (item instanceof Map) for (const [key, value] of item) push(`${name}[${String(key)}]`, value);
    else if (isPlainObject(item)) for (const [key, value] of Object.entries(item)) push(`${name}[${key}]`, value);
  }
}

/** Replaces the object at a DSPy parameter path (`generate.predict`, `layers[0]`, `tools['x']`). */
export function setByPath(root: object, path: string, value: unknown): void {
  const parts: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]/g)) {
    parts.push(m[1] !== undefined ? m[1] : m[2] !== undefined ? Number(m[2]) : (m[3] as string));
  }
  let target: unknown = root;
  for (const part of parts.slice(0, -1)) {
    target = target instanceof Map ? target.get(part) : (target as Record<string | number, unknown>)[part];
  }
  const last = parts[parts.length - 1] as string | number;
  if (target instanceof Map) target.set(last, value);
  else (target as Record<string | number, unknown>)[last] = value;
}
