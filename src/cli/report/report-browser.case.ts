// Opens a run report in a real headless Chromium (Debian's `chromium`, driven by playwright-core) for the tests.
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";

/** The browser the report tests use, or null when it is not installed. */
export const CHROMIUM: string | null = [process.env.TSDSPY_CHROMIUM, "/usr/bin/chromium"].find((path): path is string => !!path && existsSync(path)) ?? null;

export const CHROMIUM_MISSING =
  "Skipping the run report's browser test: Chromium is not installed. Install it with `apt-get install -y chromium` (or set TSDSPY_CHROMIUM to a Chromium binary).\n";

export interface ReportPage {
  errors: string[];
  /** Per plot (`figure[data-plot]`): the dots and bars Observable Plot drew. */
  marks: Record<string, { dots: number; bars: number }>;
  gateRows: Array<{ model: string; slice: string; baseline: string; candidate: string; minimum: string; gate: string }>;
  screenshot: string;
}

/** Loads the report from disk (file:// — no server), collects console errors and what it drew, and saves a screenshot. */
export async function openReportInChromium(file: string, screenshot: string): Promise<ReportPage> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: CHROMIUM as string, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    page.on("request", (request) => {
      if (!request.url().startsWith("file:")) errors.push(`the report fetched ${request.url()}`);
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    // In-page code as text: the project's TypeScript has no DOM types.
    const marks = (await page.evaluate(`Object.fromEntries([...document.querySelectorAll("figure[data-plot]")].map((figure) => [
      figure.dataset.plot,
      { dots: figure.querySelectorAll('g[aria-label="dot"] circle').length, bars: figure.querySelectorAll('g[aria-label="bar"] rect').length },
    ]))`)) as ReportPage["marks"];
    const gateRows = (await page.evaluate(`[...document.querySelectorAll("#gates tbody tr")].map((row) => {
      const cell = (field) => row.querySelector('[data-field="' + field + '"]')?.textContent ?? "";
      return { model: row.dataset.model, slice: row.dataset.slice, baseline: cell("baseline"), candidate: cell("candidate"), minimum: cell("minimum"), gate: cell("gate") };
    })`)) as ReportPage["gateRows"];
    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    return { errors, marks, gateRows, screenshot };
  } finally {
    await browser.close();
  }
}
