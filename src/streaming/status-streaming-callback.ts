import type { Callback } from "../context/callback.js";
import { activeStreamSink } from "../context/stream-sink.js";
import { StatusMessage } from "./status-message.js";
import { StatusMessageProvider } from "./status-message-provider.js";

/** Sends the provider's status messages to the enclosing `streamify` stream (DSPy's `StatusStreamingCallback`). */
export class StatusStreamingCallback implements Callback {
  readonly provider: StatusMessageProvider;

  constructor(provider: StatusMessageProvider = new StatusMessageProvider()) {
    this.provider = provider;
  }

  onToolStart(_callId: string, instance: object, inputs: Record<string, unknown>): void {
    if ((instance as { name?: unknown }).name === "finish") return;
    this.emit(() => this.provider.toolStartStatusMessage(instance as { name?: unknown }, inputs));
  }

  onToolEnd(_callId: string, outputs: unknown): void {
    if (outputs === "Completed.") return;
    this.emit(() => this.provider.toolEndStatusMessage(outputs));
  }

  onLmStart(_callId: string, instance: object, inputs: Record<string, unknown>): void {
    this.emit(() => this.provider.lmStartStatusMessage(instance, inputs));
  }

  onLmEnd(_callId: string, outputs: unknown): void {
    this.emit(() => this.provider.lmEndStatusMessage(outputs));
  }

  onModuleStart(_callId: string, instance: object, inputs: Record<string, unknown>): void {
    this.emit(() => this.provider.moduleStartStatusMessage(instance, inputs));
  }

  onModuleEnd(_callId: string, outputs: unknown): void {
    this.emit(() => this.provider.moduleEndStatusMessage(outputs));
  }

  /** Outside a stream nothing is asked or sent; a reader that went away is not an error of the program. */
  private emit(message: () => string | undefined): void {
    const sink = activeStreamSink();
    if (!sink) return;
    const text = message();
    if (text) sink.send(new StatusMessage(text))?.catch(() => undefined);
  }
}
