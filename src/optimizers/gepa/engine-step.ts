/**
 * Runs one paid-for piece of a GEPA iteration (evaluations, a reflection) and returns its plain-data value; a
 * checkpointed run (`OptimizerRun.step`) returns the saved value instead when it resumes.
 */
export type EngineStep = <T>(key: string, compute: () => Promise<T>) => Promise<T>;

/** The step of a run without checkpoints: just run it. */
export const liveStep: EngineStep = (_key, compute) => compute();
