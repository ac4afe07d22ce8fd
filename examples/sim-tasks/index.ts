// Synthetic tasks for the offline simulator (docs/sim.md, "Rules, measured"): made-up words, seeded, with splits,
// a metric and the instruction that states each task's rule. Optimizer examples can use them as they are.
export { makeLookupTask, type LookupOptions } from "./lookup.js";
export { makeRoutingTask, type RoutingOptions } from "./routing.js";
export { makeTransformTask, type TransformOptions } from "./transform.js";
export type { SimTask } from "./sim-task.js";
