"use client";
import { useEffect, useRef } from "react";

/**
 * Gives focus back to the control that opened a dialog once the dialog has closed, however it
 * closed (Cancel, Escape, confirming). The dialogs here are mounted only while open, with no
 * DialogTrigger for Fluent to return to, so focus would otherwise fall to the page's body.
 * Returns the ref to put on that control.
 */
export function useFocusReturn(open: boolean) {
  const ref = useRef<HTMLInputElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) {
      wasOpen.current = true;
      return;
    }
    if (!wasOpen.current) return;
    wasOpen.current = false;
    // After the dialog's own clean-up, which runs in the same commit.
    const timer = setTimeout(() => ref.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [open]);
  return ref;
}
