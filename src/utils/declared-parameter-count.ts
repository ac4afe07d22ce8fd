/**
 * How many parameters a function declares, read from its source (defaults and destructuring count, a rest
 * parameter makes it unbounded): `null` when the source cannot be read (native or bound functions) or has a rest
 * parameter. `fn.length` stops at the first default, so it cannot tell `(a, b = 1)` from `(a)`.
 *
 * @example
 * declaredParameterCount((gold, pred, trace = null) => 0); // 3
 */
export function declaredParameterCount(fn: (...args: never[]) => unknown): number | null {
  const source = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) return null;
  const list = parameterList(source);
  if (list === null) return null;
  const params = splitTopLevel(list).map((p) => p.trim()).filter((p) => p.length > 0);
  if (params.some((p) => p.startsWith("..."))) return null;
  return params.length;
}

/** The text between the parameter list's parentheses, or a lone arrow parameter. */
function parameterList(source: string): string | null {
  const arrowBare = /^\s*(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/.exec(source);
  if (arrowBare) return arrowBare[1] as string;
  const open = source.indexOf("(");
  if (open < 0) return null;
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '"' || ch === "'" || ch === "`") {
      i = skipString(source, i);
      continue;
    }
    if (ch === "/" && source[i + 1] === "*") {
      i = source.indexOf("*/", i + 2) + 1;
      if (i === 0) return null;
      continue;
    }
    if (ch === "/" && source[i + 1] === "/") {
      i = source.indexOf("\n", i);
      if (i < 0) return null;
      continue;
    }
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") {
      depth--;
      if (depth === 0) return source.slice(open + 1, i);
    }
  }
  return null;
}

/** Splits on commas outside brackets, strings and comments. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i] as string;
    if (ch === '"' || ch === "'" || ch === "`") i = skipString(list, i);
    else if (ch === "/" && list[i + 1] === "*") i = Math.max(list.indexOf("*/", i + 2) + 1, i);
    else if (ch === "/" && list[i + 1] === "/") i = list.indexOf("\n", i) < 0 ? list.length : list.indexOf("\n", i);
    else if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts.map(stripComments);
}

function stripComments(part: string): string {
  return part.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");
}

/** The index of the closing quote of the string starting at `i` (template literals without nesting). */
function skipString(text: string, i: number): number {
  const quote = text[i];
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === "\\") j++;
    else if (text[j] === quote) return j;
  }
  return text.length;
}
