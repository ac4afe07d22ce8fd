/** What a field's type notes say about the values it accepts. */
export type SimFieldKind = "str" | "label" | "bool" | "int" | "float" | "json";

/** One input or output field as the system message describes it. */
export interface SimField {
  name: string;
  /** The type name shown in the field list (`str`, `Literal['a', 'b']`, `list[str]`, …). */
  typeName: string;
  description: string;
  kind: SimFieldKind;
  /** Allowed values for `label` fields (Literal or Enum notes). */
  choices?: string[];
  /** The JSON schema of a `json` field, when the note carried one. */
  schema?: Record<string, unknown>;
}

/** A field value as read from the prompt: the text shown, and the value it stands for. */
export interface SimValue {
  text: string;
  value: unknown;
}

/** One demonstration (a user/assistant pair before the final user message). */
export interface SimDemo {
  inputs: Record<string, SimValue>;
  /** Outputs the demo supplies; fields marked "Not supplied for this particular example." are absent. */
  outputs: Record<string, SimValue>;
  /** False when the user message said some fields are not supplied. */
  complete: boolean;
}

/** How the reply must be written. */
export type SimReplyFormat = "chat" | "json" | "xml" | "text";

/** Everything the simulator understood from one request. */
export interface SimPrompt {
  /** `structured` when the system message has DSPy's field description, else `plain`. */
  kind: "structured" | "plain";
  inputs: SimField[];
  outputs: SimField[];
  /** The task instructions (after "your objective is:"), dedented. */
  instructions: string;
  demos: SimDemo[];
  /** The final user message's input values. */
  query: Record<string, SimValue>;
  /** The final user message's full text (for plain prompts). */
  queryText: string;
  replyFormat: SimReplyFormat;
}
