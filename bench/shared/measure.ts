/** Runs `run` after a warm-up and prints the median and p95 time of one call in microseconds. */
export async function measure(label: string, run: () => Promise<unknown>, calls = 20_000, warmup = 2_000): Promise<void> {
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const us = (q: number) => (times[Math.floor(times.length * q)]! * 1000).toFixed(1);
  console.log(`${label.padEnd(40)} median ${us(0.5).padStart(7)} µs   p95 ${us(0.95).padStart(7)} µs`);
}
