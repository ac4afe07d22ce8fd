import { spawn } from "node:child_process";

/** What a child process ended with. */
export interface ChildResult {
  signal: NodeJS.Signals | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript file in a child Node process (through tsx, on the sources) with one JSON argument. */
export function runChild(script: string, args: Record<string, unknown>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=source", script, JSON.stringify(args)], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs the child to completion and parses the JSON it printed; fails with its standard error otherwise. */
export async function childSummary<T>(script: string, args: Record<string, unknown>): Promise<T> {
  const result = await runChild(script, args);
  if (result.code !== 0) throw new Error(`child failed (${result.code ?? result.signal}): ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
