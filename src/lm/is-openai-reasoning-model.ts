/**
 * Whether a model is one of OpenAI's reasoning models (o1/o3/o4/o5 and gpt-5, but not gpt-5-chat), which take
 * `max_completion_tokens` and only temperature 1. The same test as DSPy 3.3.1's `_is_openai_reasoning_model`.
 */
export function isOpenAIReasoningModel(model: string): boolean {
  const family = (model.includes("/") ? model.slice(model.lastIndexOf("/") + 1) : model).toLowerCase();
  return /^(?:o[1345](?:-(?:mini|nano|pro))?(?:-\d{4}-\d{2}-\d{2})?|gpt-5(?!-chat)(?:-.*)?)$/.test(family);
}
