import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { throttledStore } from "@/lib/probe/browser/throttle";

/** A source of change notifications, like ProbeRun's `subscribe`. */
function source() {
  const listeners = new Set<() => void>();
  return {
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    change: () => listeners.forEach((l) => l()),
    get subscribers() {
      return listeners.size;
    },
  };
}

describe("throttledStore", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("tells every subscriber once per period, in the same task, however many changes come", () => {
    const src = source();
    const store = throttledStore(src.subscribe, 1000);
    const calls: string[] = [];
    store.subscribe(() => calls.push(`table ${store.getSnapshot()}`));
    store.subscribe(() => calls.push(`chart ${store.getSnapshot()}`));
    expect(src.subscribers).toBe(1);

    src.change();
    vi.advanceTimersByTime(0);
    expect(calls).toEqual(["table 1", "chart 1"]);

    for (let i = 0; i < 40; i++) {
      src.change();
      vi.advanceTimersByTime(20);
    }
    expect(calls).toHaveLength(2);
    vi.advanceTimersByTime(200);
    expect(calls).toEqual(["table 1", "chart 1", "table 2", "chart 2"]);
  });

  it("leaves the source when its last subscriber leaves, and tells no one after", () => {
    const src = source();
    const store = throttledStore(src.subscribe, 1000);
    const listener = vi.fn();
    const stopA = store.subscribe(listener);
    const stopB = store.subscribe(listener);
    src.change();
    stopA();
    stopB();
    expect(src.subscribers).toBe(0);
    vi.advanceTimersByTime(2000);
    expect(listener).not.toHaveBeenCalled();
  });
});
