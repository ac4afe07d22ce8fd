import { describe, expect, it } from "vitest";
import { ManualClock } from "../testing/manual-clock.js";
import { formatMeter, ProgressBar } from "./progress-bar.js";

function capture(isTTY: boolean, columns?: number) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, ...(columns === undefined ? {} : { columns }), write: (t: string) => chunks.push(t) } };
}

describe("formatMeter", () => {
  // Expected lines produced by tqdm 4.70.1's own `tqdm.format_meter` with the same arguments.
  it("matches tqdm's meter text", () => {
    const desc = "Average Metric: 3.00 / 4 (75.0%)";
    expect(formatMeter(desc, 3, 4, 580, undefined)).toBe("Average Metric: 3.00 / 4 (75.0%):  75%|███████▌  | 3/4 [00:00<00:00,  5.17it/s]");
    expect(formatMeter(desc, 4, 4, 770, undefined)).toBe("Average Metric: 3.00 / 4 (75.0%): 100%|██████████| 4/4 [00:00<00:00,  5.19it/s]");
    expect(formatMeter("x", 1, 4, 3200, 0)).toBe("x:  25% 1/4 [00:03<00:09,  3.20s/it]");
    expect(formatMeter("Processed 0 / 4 examples", 0, 4, 0, 80)).toBe(
      "Processed 0 / 4 examples:   0%|                           | 0/4 [00:00<?, ?it/s]",
    );
    expect(formatMeter("", 7, 64, 3_725_000, 100)).toBe(
      " 11%|██████▍                                                    | 7/64 [1:02:05<8:25:32, 532.14s/it]",
    );
    expect(formatMeter("p", 5, 0, 2000, 100)).toBe("p: 5it [00:02,  2.50it/s]");
    expect(formatMeter("d", 37, 64, 12_500, 60)).toBe("d:  58%|███████████▌        | 37/64 [00:12<00:09,  2.96it/s]");
  });
});

describe("ProgressBar", () => {
  it("redraws a live bar with \\r on a TTY, padding over a longer previous line, and ends the line on close", () => {
    const clock = new ManualClock();
    const { chunks, stream } = capture(true);
    const bar = new ProgressBar({ total: 2, stream, clock });
    expect(chunks).toEqual(["\r  0%|          | 0/2 [00:00<?, ?it/s]"]);
    clock.advance(500);
    bar.setDescription("Processed 1 / 2 examples");
    bar.update();
    clock.advance(500);
    bar.setDescription("Done");
    bar.update();
    bar.close();
    expect(chunks.slice(1)).toEqual([
      "\rProcessed 1 / 2 examples:  50%|█████     | 1/2 [00:00<00:00,  2.00it/s]",
      "\rDone: 100%|██████████| 2/2 [00:01<00:00,  2.00it/s]" + " ".repeat(20),
      "\rDone: 100%|██████████| 2/2 [00:01<00:00,  2.00it/s]",
      "\n",
    ]);
  });

  it("throttles TTY redraws to minIntervalMs but always draws the last item", () => {
    const clock = new ManualClock();
    const { chunks, stream } = capture(true, 60);
    const bar = new ProgressBar({ total: 5, stream, clock, minIntervalMs: 100 });
    for (let i = 0; i < 5; i++) {
      clock.advance(30);
      bar.update();
    }
    // initial draw, the update at 120 ms, and the final item
    expect(chunks).toHaveLength(3);
    expect(chunks[2]).toBe("\r100%|█████████████████████████| 5/5 [00:00<00:00, 33.33it/s]");
  });

  // The expected lines follow tqdm 4.70.1's `format_meter` for the same n, total and elapsed time.
  it("stays quiet off a TTY except for a line every plainIntervalMs of a long run, and writes nothing on close", () => {
    const clock = new ManualClock();
    const { chunks, stream } = capture(false);
    const bar = new ProgressBar({ total: 20, stream, clock });
    for (let i = 1; i <= 20; i++) {
      clock.advance(100);
      bar.setDescription(`Processed ${i} / 20 examples`);
      bar.update();
    }
    bar.close();
    expect(chunks).toEqual([]);

    const slow = capture(false);
    const slowBar = new ProgressBar({ total: 1000, stream: slow.stream, clock, plainIntervalMs: 5_000 });
    clock.advance(6_000);
    slowBar.update();
    clock.advance(1_000);
    slowBar.update();
    clock.advance(4_000);
    slowBar.update();
    slowBar.close();
    expect(slow.chunks).toEqual(["  0% 1/1000 [00:06<1:39:54,  6.00s/it]\n", "  0% 3/1000 [00:11<1:00:55,  3.67s/it]\n"]);
  });
});
