import type { ValidationIssue } from "../../errors/validation-error.js";
import { pyTypeName, truncatedRepr } from "./py-value-kind.js";

/** pydantic's `str(ValidationError)`: a count line, then per error its location, message and details. */
export function validationMessage(title: string, issues: readonly ValidationIssue[]): string {
  const lines = issues.map((issue) => {
    const loc = issue.loc.length ? `${issue.loc.join(".")}\n` : "";
    return (
      `${loc}  ${issue.msg} [type=${issue.type}, input_value=${truncatedRepr(issue.input)}, input_type=${pyTypeName(issue.input)}]\n` +
      `    For further information visit https://errors.pydantic.dev/2.13/v/${issue.type}`
    );
  });
  const count = issues.length;
  return `${count} validation error${count === 1 ? "" : "s"} for ${title}\n${lines.join("\n")}`;
}
