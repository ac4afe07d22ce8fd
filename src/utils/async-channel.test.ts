import { describe, expect, it } from "vitest";
import { AsyncChannel, ChannelClosedError } from "./async-channel.js";

describe("AsyncChannel", () => {
  it("hands values over in order and makes the writer wait past its capacity", async () => {
    const channel = new AsyncChannel<number>(2);
    expect(channel.send(1)).toBeUndefined();
    expect(channel.send(2)).toBeUndefined();
    const full = channel.send(3);
    expect(full).toBeInstanceOf(Promise);
    let resumed = false;
    void full!.then(() => (resumed = true));
    await Promise.resolve();
    expect(resumed).toBe(false);
    expect(channel.poll()).toEqual({ done: false, value: 1 });
    await full;
    expect(resumed).toBe(true);
    channel.end();
    expect(await channel.next()).toEqual({ done: false, value: 2 });
    expect(await channel.next()).toEqual({ done: false, value: 3 });
    expect(await channel.next()).toEqual({ done: true, value: undefined });
  });

  it("wakes a waiting reader, passes the writer's error on, and refuses sends after the reader left", async () => {
    const channel = new AsyncChannel<string>(4);
    const pending = channel.next();
    channel.send("a");
    expect(await pending).toEqual({ done: false, value: "a" });
    channel.fail(new Error("writer failed"));
    await expect(channel.next()).rejects.toThrow("writer failed");
    channel.close();
    await expect(channel.send("b")).rejects.toBeInstanceOf(ChannelClosedError);
  });
});
