// Vitest global setup: the run's temporary files go to one fresh folder (`os.tmpdir()` in the test workers and the
// processes they start reads TMPDIR), removed when the run ends, so no run leaves files behind or sees another's.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "tsdspy-tests-"));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
