import type { Adapter } from "../adapters/adapter.js";
import { ChatAdapter } from "../adapters/chat-adapter.js";
import { getSettings } from "../context/settings.js";
import { ContextWindowExceededError } from "../errors/lm-errors.js";
import { signature } from "../signatures/signature.js";

/** A ReAct trajectory: `thought_i`, `tool_name_i`, `tool_args_i`, `observation_i` for each step, in order. */
export type Trajectory = Record<string, unknown>;

/**
 * DSPy's `_format_trajectory`: the steps rendered as the configured adapter renders input fields
 * (`[[ ## thought_0 ## ]]` … with ChatAdapter), through a signature `thought_0, tool_name_0, … -> x`.
 */
export function formatTrajectory(trajectory: Trajectory): string {
  const adapter = (getSettings().adapter as Adapter | null) ?? new ChatAdapter();
  const trajectorySignature = signature(`${Object.keys(trajectory).join(", ")} -> x`);
  return adapter.formatUserMessageContent(trajectorySignature, trajectory);
}

/**
 * DSPy's `truncate_trajectory`: drops the oldest step (its four entries) in place; a trajectory of one step cannot be
 * truncated and throws `ContextWindowExceededError`.
 */
export function truncateTrajectory(trajectory: Trajectory): Trajectory {
  const keys = Object.keys(trajectory);
  if (keys.length <= 4) {
    throw new ContextWindowExceededError(
      "The trajectory is too long so your prompt exceeded the context window, but the trajectory cannot be truncated because it only has one tool call.",
    );
  }
  for (const key of keys.slice(0, 4)) delete trajectory[key];
  return trajectory;
}
