// Module customization hooks that append the URL of every module Node loads to a file (one per line).
// Used by src/cold-start.test.ts: `register(new URL("./record-module-loads.mjs", …), { data: { out } })`.
import { appendFileSync } from "node:fs";

let out = "";

export function initialize(data) {
  out = data.out;
}

export async function load(url, context, nextLoad) {
  if (url.startsWith("file:")) appendFileSync(out, `${url}\n`);
  return nextLoad(url, context);
}
