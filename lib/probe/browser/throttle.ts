/** A store whose snapshot moves at most once per period, for every subscriber at once. */
export interface ThrottledStore {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => number;
}

/**
 * A subscription that passes a source's change notifications on at most once per `ms`
 * (trailing), with a snapshot that changes only when it does: a table fed by ten samples a
 * second re-renders once a second instead. Every subscriber is told in the same task, so views
 * that follow the same source (tables, the chart, the replicas' cells) update in one render and
 * one frame.
 */
export function throttledStore(
  subscribe: (listener: () => void) => () => void,
  ms: number,
): ThrottledStore {
  let snapshot = 0;
  const listeners = new Set<() => void>();
  let unsubscribeSource: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFired = 0;
  const fire = () => {
    timer = undefined;
    lastFired = Date.now();
    snapshot++;
    for (const listener of [...listeners]) listener();
  };
  const onChange = () => {
    if (timer !== undefined) return;
    timer = setTimeout(fire, Math.max(0, lastFired + ms - Date.now()));
  };
  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      unsubscribeSource ??= subscribe(onChange);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        unsubscribeSource?.();
        unsubscribeSource = undefined;
        clearTimeout(timer);
        timer = undefined;
      };
    },
  };
}
