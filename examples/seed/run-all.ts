// `npm run examples`: runs every ported runnable snippet of the article and checks its output against the article.
import { EXPECTED_OUTPUT, PORTED } from "./expected.js";


for (const name of PORTED) {
  const { main } = (await import(`./${name}.ts`)) as { main: (print: (line: string) => void) => Promise<void> | void };
  const lines: string[] = [];
  await main((line) => lines.push(line));
  const ok = lines.join("\n") === EXPECTED_OUTPUT[name];
  console.log(`# ${name}.ts ${ok ? "(matches the article)" : "(DIFFERS from the article)"}`);
  for (const line of lines) console.log(line);
  console.log();
}
