import { signature } from "../../signatures/signature.js";

/**
 * SIMBA's `OfferFeedback` (DSPy's `dspy.teleprompt.simba_utils.OfferFeedback`, not Refine's signature of the same
 * name): compares a better and a worse trajectory and advises each module (text verbatim).
 */
export const OfferFeedback = signature({
  name: "OfferFeedback",
  instructions:
    "You will be given two trajectories of an LLM-driven program's execution. Your goal is to help the program's modules\n" +
    "build up experience on how to maximize the reward value assigned to the program's outputs if it were to receive\n" +
    "similar inputs in the future.\n\n" +
    "The module won't see its own history. It will rely on your advice balancing being concrete and being generalizable.\n\n" +
    "In your advice:\n" +
    "- Avoid boilerplate. Offer advice that would change the module's behavior for the better in the future.\n" +
    "- Ensure that advice offered to a module M is specific to that M's specific sub-task, not the overall program.\n" +
    "- Rely on contrasting the behavior of the worse trajectory against the better trajectory in making recommendations.\n" +
    "- Ensure each unique module name appears exactly once as a key in the advice dictionary.",
  inputs: {
    program_code: { type: "str", desc: "The code of the program that we are analyzing" },
    modules_defn: { type: "str", desc: "The definition of each module in the program, including its I/O" },
    program_inputs: { type: "str", desc: "The inputs to the program that we are analyzing" },
    oracle_metadata: { type: "str", desc: "Any (hidden) metadata about the training set instance we're analyzing" },
    worse_program_trajectory: { type: "str", desc: "The trajectory of the program's execution, showing each module's I/O" },
    worse_program_outputs: { type: "str", desc: "The outputs of the program that we are analyzing" },
    worse_reward_value: { type: "float", desc: "The reward value assigned to the program's outputs" },
    worse_reward_info: { type: "str", desc: "Additional information that might be helpful to understanding the assigned reward value." },
    better_program_trajectory: { type: "str", desc: "The trajectory of the program's execution, showing each module's I/O" },
    better_program_outputs: { type: "str", desc: "The outputs of the program that we are analyzing" },
    better_reward_value: { type: "float", desc: "The reward value assigned to the program's outputs" },
    better_reward_info: { type: "str", desc: "Additional information that might be helpful to understanding the assigned reward value." },
    module_names: { type: "list[str]", desc: "The names of the modules in the program, for which we seek advice" },
  },
  outputs: {
    discussion: { type: "str", desc: "Discussing blame of where each module went wrong, if it did" },
    module_advice: {
      type: "dict[str, str]",
      desc:
        "For each module, describe very concretely: If the module receives ${description of input or patterns therein}, then it should " +
        "${description of content, behavior, or strategies to adopt and/or others to avoid}. Basically, your advice be such that if the module " +
        "has access to your tip, it would be much more likely to act like the successful trajectory rather than the lower-scoring trajectory.",
    },
  },
});
