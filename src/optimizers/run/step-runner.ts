/** Runs one paid-for piece of work under a key; an optimizer run passes its checkpointed `step`. */
export type StepRunner = <T>(key: string, compute: () => Promise<T>) => Promise<T>;

/** Runs the work directly (no checkpoint). */
export const runDirectly: StepRunner = (_key, compute) => compute();
