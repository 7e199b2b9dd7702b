"use client";
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";

/** Rows drawn beyond the visible ones on each side, so a fast scroll shows no gap. */
const OVERSCAN = 8;

/**
 * Windowing for a scrolling table of fixed-height rows: which rows to draw for the scroll
 * container's position and height, and the space above and below them. Thousands of rows cost
 * the DOM only the few dozen on screen.
 */
export function useRowWindow(
  count: number,
  rowHeight: number,
): {
  containerRef: RefObject<HTMLDivElement | null>;
  start: number;
  end: number;
  padTop: number;
  padBottom: number;
  onScroll: () => void;
} {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const [view, setView] = useState({ top: 0, height: 800 });
  const measure = useCallback(() => {
    const el = containerRef.current;
    if (!el) return;
    setView((v) =>
      v.top === el.scrollTop && v.height === el.clientHeight
        ? v
        : { top: el.scrollTop, height: el.clientHeight || v.height },
    );
  }, []);
  useEffect(() => {
    measure();
    const el = containerRef.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);
  const first = Math.floor(view.top / rowHeight);
  const visible = Math.ceil(view.height / rowHeight) + 1;
  const start = Math.max(0, Math.min(count, first - OVERSCAN));
  const end = Math.min(count, first + visible + OVERSCAN);
  return {
    containerRef,
    start,
    end,
    padTop: start * rowHeight,
    padBottom: (count - end) * rowHeight,
    onScroll: measure,
  };
}
