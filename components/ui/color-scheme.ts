"use client";
import { useSyncExternalStore } from "react";
import { parseThemePreference, THEME_COOKIE, type ThemePreference } from "../providers/theme";

/** Fired on window when the user picks another theme. */
const THEME_EVENT = "acr-theme-change";
const ONE_YEAR_S = 365 * 24 * 60 * 60;

/** Applies and keeps the user's theme: <html data-theme> now, the cookie for the next first paint. */
export function setThemePreference(preference: ThemePreference): void {
  document.documentElement.dataset.theme = preference;
  document.cookie = `${THEME_COOKIE}=${preference}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax`;
  window.dispatchEvent(new Event(THEME_EVENT));
}

function subscribePreference(listener: () => void) {
  window.addEventListener(THEME_EVENT, listener);
  return () => window.removeEventListener(THEME_EVENT, listener);
}

/** The theme the user chose (`system` until they choose). */
export function useThemePreference(): ThemePreference {
  return useSyncExternalStore(
    subscribePreference,
    () => parseThemePreference(document.documentElement.dataset.theme),
    () => "system",
  );
}

/**
 * Calls `listener` whenever the page's colors may have changed: the user's theme choice, the
 * system's light or dark preference, or forced colors (Windows high contrast) turning on or off.
 * For what CSS cannot restyle by itself, such as a canvas. Returns the unsubscribe function.
 */
export function onColorSchemeChange(listener: () => void): () => void {
  const queries = ["(prefers-color-scheme: dark)", "(forced-colors: active)"].map((q) =>
    window.matchMedia(q),
  );
  for (const q of queries) q.addEventListener("change", listener);
  window.addEventListener(THEME_EVENT, listener);
  return () => {
    for (const q of queries) q.removeEventListener("change", listener);
    window.removeEventListener(THEME_EVENT, listener);
  };
}
