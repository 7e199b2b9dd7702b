import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

/**
 * Light and dark without a flash of the wrong theme and without a script: Fluent gets one theme
 * whose colors are CSS variables, and plain CSS picks their values, from the `data-theme`
 * attribute the server writes on <html> (the user's choice, kept in a cookie) or, for `system`,
 * from `prefers-color-scheme`. The first paint is right because it needs nothing but CSS.
 */

export const THEME_PREFERENCES = ["system", "light", "dark"] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];
/** The cookie that keeps the user's choice (read by the root layout for the first paint). */
export const THEME_COOKIE = "acr-theme";

export function parseThemePreference(value: string | undefined | null): ThemePreference {
  return THEME_PREFERENCES.find((p) => p === value) ?? "system";
}

const varName = (token: string) => `--acr-${token}`;
const differs = (token: string) =>
  webLightTheme[token as keyof Theme] !== webDarkTheme[token as keyof Theme];

/** Fluent's light theme with every token that differs in the dark one read from a variable. */
export const switchableTheme: Theme = Object.fromEntries(
  Object.entries(webLightTheme).map(([token, value]) => [
    token,
    differs(token) ? `var(${varName(token)})` : value,
  ]),
) as unknown as Theme;

function declarations(theme: Theme): string {
  return Object.keys(theme)
    .filter(differs)
    .map((token) => `${varName(token)}:${String(theme[token as keyof Theme])};`)
    .join("");
}

/** The style sheet behind `switchableTheme`: light by default, dark by choice or by the system. */
export function themeStyleSheet(): string {
  const light = `color-scheme:light;${declarations(webLightTheme)}`;
  const dark = `color-scheme:dark;${declarations(webDarkTheme)}`;
  return [
    `:root{${light}}`,
    `@media (prefers-color-scheme: dark){:root:not([data-theme=light]){${dark}}}`,
    `:root[data-theme=dark]{${dark}}`,
  ].join("\n");
}
