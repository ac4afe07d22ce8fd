import { pathToFileURL } from "node:url";

/** Prints one line, like Python's `print`. */
export type Print = (line: string) => void;

/** Runs `main` when the file is executed directly (`tsx examples/seed/x.ts`), not when a test imports it. */
export function runIfMain(meta: ImportMeta, main: (print: Print) => Promise<void> | void): void {
  if (process.argv[1] && meta.url === pathToFileURL(process.argv[1]).href) {
    Promise.resolve(main((line) => console.log(line))).catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
  }
}
