import { jsonRepairLoads } from "../python/json-repair.js";

/** Tool-call arguments sent as a JSON string, decoded leniently as DSPy does (`json_repair.loads`). */
export function decodeToolArguments(text: string): unknown {
  return jsonRepairLoads(text);
}
