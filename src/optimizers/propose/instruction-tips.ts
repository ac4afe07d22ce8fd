/** The prompting tips MIPROv2's grounded proposer draws from (DSPy's `TIPS`, in DSPy's order). */
export const INSTRUCTION_TIPS: ReadonlyArray<readonly [string, string]> = Object.freeze([
  ["none", ""],
  ["creative", "Don't be afraid to be creative when creating the new instruction!"],
  ["simple", "Keep the instruction clear and concise."],
  ["description", "Make sure your instruction is very informative and descriptive."],
  ["high_stakes", "The instruction should include a high stakes scenario in which the LM must solve the task!"],
  ["persona", 'Include a persona that is relevant to the task in the instruction (ie. "You are a ...")'],
] as const);
