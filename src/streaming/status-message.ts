/** A progress message streamed while a program runs (DSPy's `dspy.streaming.StatusMessage`). */
export class StatusMessage {
  constructor(readonly message: string) {}
}
