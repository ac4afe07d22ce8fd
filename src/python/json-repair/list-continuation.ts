import type { RepairCursor } from "./repair-cursor.js";
import type { PyDict } from "./repair-values.js";

/**
 * What json_repair looks at in the list a continuation joins, kept up to date as the list grows instead of re-read at
 * every continuation (`{"a": [[1]] [2] [3] …` would otherwise be quadratic). Items before `scanned` never change: the
 * list is a parsed value that only continuations touch; they append at its end, or replace the non-list items after
 * `lastList` by rows and move `scanned` back to where those were.
 */
export interface ListShape {
  /** Items examined so far. */
  scanned: number;
  /** The length of the first item that is a list, -1 while there is none. */
  firstLength: number;
  /** Whether every list item has `firstLength` items. */
  uniform: boolean;
  /** The index of the last item that is a list, -1 while there is none. */
  lastList: number;
}

/** The shape of `list`, brought up to date with the items appended since it was last asked. */
function shapeOf(shapes: WeakMap<unknown[], ListShape>, list: unknown[]): ListShape {
  let shape = shapes.get(list);
  if (shape === undefined) {
    shape = { scanned: 0, firstLength: -1, uniform: true, lastList: -1 };
    shapes.set(list, shape);
  }
  for (let i = shape.scanned; i < list.length; i++) {
    const item = list[i];
    if (!Array.isArray(item)) continue;
    if (shape.firstLength < 0) shape.firstLength = item.length;
    else if (item.length !== shape.firstLength) shape.uniform = false;
    shape.lastList = i;
  }
  shape.scanned = list.length;
  return shape;
}

function appendAll(list: unknown[], items: readonly unknown[]): void {
  for (const item of items) list.push(item); // not push(...items): a long list would overflow the call stack
}

/**
 * `[...]` where a key should be, right after a member whose value is a list (`lastKey`, the key added last): the LM
 * split one list (often a table of rows) in two. The new items join the previous list; loose cells are regrouped
 * into rows when the previous list holds rows of one length. Returns false (nothing read) when the last member's
 * value is not a list.
 */
export function mergeListContinuation(p: RepairCursor, obj: PyDict, lastKey: string | undefined): boolean {
  const previous = lastKey ? obj.get(lastKey) : undefined;
  if (!Array.isArray(previous)) return false;
  p.pos++;
  const more = p.readArray();
  const shape = shapeOf(p.listShapes, previous);
  const rowLength = shape.uniform && shape.firstLength > 0 ? shape.firstLength : 0;
  if (rowLength > 0) {
    // The loose cells after the last row: taken off and put back as they were unless they make whole rows.
    const tailStart = shape.lastList + 1;
    if (previous.length > tailStart && (previous.length - tailStart) % rowLength === 0) {
      const tail = previous.splice(tailStart);
      shape.scanned = tailStart; // the rows that replace the tail are read on the next continuation
      for (let i = 0; i < tail.length; i += rowLength) previous.push(tail.slice(i, i + rowLength));
    }
    if (more.length > 0) {
      if (more.every(Array.isArray)) appendAll(previous, more);
      else previous.push(more);
    }
  } else {
    appendAll(previous, more.length === 1 && Array.isArray(more[0]) ? more[0] : more);
  }
  p.skipSpaces();
  if (p.at() === ",") p.pos++;
  p.skipSpaces();
  return true;
}
