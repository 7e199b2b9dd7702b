import { describe, expect, it } from "vitest";
import { ReadPacer } from "@/lib/azure/fleet/read-pacer";

function fakeTime() {
  let now = 0;
  const slept: number[] = [];
  return {
    now: () => now,
    slept,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe("the ARM fallback's read pacer", () => {
  it("lets a burst of `capacity` reads go, then one per refill interval", async () => {
    const time = fakeTime();
    const pacer = new ReadPacer(5, 2, time.now, time.sleep);
    for (let i = 0; i < 5; i++) await pacer.take();
    expect(time.now()).toBe(0);
    for (let i = 0; i < 4; i++) await pacer.take();
    expect(time.now()).toBe(2000);
  });

  it("never sends more than the bucket allows in any window (ARM's 250 + 25/s with headroom)", async () => {
    const time = fakeTime();
    const pacer = new ReadPacer(undefined, undefined, time.now, time.sleep);
    const sent: number[] = [];
    for (let i = 0; i < 1000; i++) {
      await pacer.take();
      sent.push(time.now());
    }
    // In the first t seconds at most 250 + 25 t reads may go out.
    for (const [i, at] of sent.entries()) expect(i + 1).toBeLessThanOrEqual(250 + 25 * (at / 1000));
    expect(sent.at(-1)! / 1000).toBeGreaterThan((1000 - 250) / 25);
  });

  it("holds every read for a 429's Retry-After", async () => {
    const time = fakeTime();
    const pacer = new ReadPacer(100, 10, time.now, time.sleep);
    await pacer.take();
    pacer.pause(3);
    await pacer.take();
    expect(time.now()).toBeGreaterThanOrEqual(3000);
  });

  it("serves waiting callers in order", async () => {
    const time = fakeTime();
    const pacer = new ReadPacer(1, 1, time.now, time.sleep);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => pacer.take().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });
});
