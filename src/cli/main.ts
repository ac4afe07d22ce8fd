import type { ImportModule } from "./project/load-project.js";
import { runCli } from "./run-cli.js";

/**
 * The `tsdspy` executable's process (bin/tsdspy.js calls it): the real streams, stop on SIGINT/SIGTERM, and the
 * importer for the project's TypeScript files (bin/tsdspy.js registers tsx's loader first).
 */
export async function main(importModule: ImportModule): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    waitForStop: () =>
      new Promise<void>((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      }),
    importModule,
  });
}
