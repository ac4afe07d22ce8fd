import type { Field } from "../../signatures/field.js";
import { pyStr } from "../../python/pyfmt.js";

/** A demo as the proposer shows it (DSPy's `create_example_string`): `Prefix: value` per signature field, one a line. */
export function exampleString(fields: Readonly<Record<string, Field>>, example: { get(key: string): unknown }): string {
  return Object.entries(fields)
    .map(([name, field]) => {
      const value = example.get(name);
      return `${field.prefix} ${value === undefined ? "None" : pyStr(value)}`;
    })
    .join("\n");
}
