/**
 * A subscription that passes a source's change notifications on at most once per `ms`
 * (trailing), with a snapshot that changes only when it does: a table fed by ten samples a
 * second re-renders a few times a second instead.
 */
export function throttledStore(
  subscribe: (listener: () => void) => () => void,
  ms: number,
): { subscribe: (listener: () => void) => () => void; getSnapshot: () => number } {
  let snapshot = 0;
  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let lastFired = 0;
      const fire = () => {
        timer = undefined;
        lastFired = Date.now();
        snapshot++;
        listener();
      };
      const unsubscribe = subscribe(() => {
        if (timer !== undefined) return;
        const wait = Math.max(0, lastFired + ms - Date.now());
        timer = setTimeout(fire, wait);
      });
      return () => {
        clearTimeout(timer);
        unsubscribe();
      };
    },
  };
}
