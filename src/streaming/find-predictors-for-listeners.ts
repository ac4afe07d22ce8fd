import { ValueError } from "../errors/value-error.js";
import type { StreamListener } from "./stream-listener.js";

/** What `streamify` needs of a program to find the predictor behind each listener. */
export interface ProgramWithPredictors {
  namedPredictors?(): ReadonlyArray<readonly [string, unknown]>;
}

function outputFieldsOf(predictor: unknown): readonly string[] {
  const signature = (predictor as { signature?: { outputFields?: Record<string, unknown> } }).signature;
  return Object.keys(signature?.outputFields ?? {});
}

/**
 * Gives every listener without a `predict` the one predictor of the program that has its field among its outputs
 * (and that predictor's name), then groups the listeners by predictor (DSPy's `find_predictor_for_stream_listeners`).
 */
export function findPredictorsForListeners(program: ProgramWithPredictors, listeners: readonly StreamListener[]): Map<object, StreamListener[]> {
  const wanted = new Set(listeners.filter((l) => !l.predict).map((l) => l.signatureFieldName));
  const found = new Map<string, readonly [string, object]>();
  if (wanted.size > 0) {
    if (typeof program.namedPredictors !== "function") {
      throw new ValueError(
        "streamify() was given a StreamListener without `predict`, but the program has no namedPredictors() to find it " +
          "in; pass the predictor as `new StreamListener({ signatureFieldName, predict })`.",
      );
    }
    for (const [name, predictor] of program.namedPredictors()) {
      for (const field of outputFieldsOf(predictor)) {
        if (!wanted.has(field)) continue;
        if (found.has(field)) {
          throw new ValueError(
            `Signature field ${field} is not unique in the program, cannot automatically determine which predictor to use ` +
              "for streaming. Please specify the predictor to listen to.",
          );
        }
        found.set(field, [name, predictor as object]);
      }
    }
  }
  const byPredictor = new Map<object, StreamListener[]>();
  for (const listener of listeners) {
    if (!listener.predict) {
      const match = found.get(listener.signatureFieldName);
      if (!match) {
        throw new ValueError(
          `Signature field ${listener.signatureFieldName} is not a field of any predictor in the program, cannot ` +
            "automatically determine which predictor to use for streaming. Please verify your field name or specify the " +
            "predictor to listen to.",
        );
      }
      [listener.predictName, listener.predict] = match;
    }
    const group = byPredictor.get(listener.predict!) ?? [];
    group.push(listener);
    byPredictor.set(listener.predict!, group);
  }
  return byPredictor;
}
