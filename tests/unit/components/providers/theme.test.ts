import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { describe, expect, it } from "vitest";
import {
  parseThemePreference,
  switchableTheme,
  themeStyleSheet,
} from "@/components/providers/theme";

describe("the switchable theme", () => {
  it("reads every color that differs between light and dark from a variable, and keeps the rest", () => {
    expect(switchableTheme.colorNeutralBackground1).toBe("var(--acr-colorNeutralBackground1)");
    expect(switchableTheme.fontFamilyBase).toBe(webLightTheme.fontFamilyBase);
    expect(switchableTheme.spacingHorizontalM).toBe(webLightTheme.spacingHorizontalM);
  });

  it("gives each variable its light value by default and its dark one by choice or by the system", () => {
    const sheet = themeStyleSheet();
    const [light, system, chosen] = sheet.split("\n");
    expect(light).toContain(
      `--acr-colorNeutralBackground1:${webLightTheme.colorNeutralBackground1};`,
    );
    expect(system).toMatch(
      /^@media \(prefers-color-scheme: dark\)\{:root:not\(\[data-theme=light\]\)\{/,
    );
    expect(system).toContain(
      `--acr-colorNeutralBackground1:${webDarkTheme.colorNeutralBackground1};`,
    );
    expect(chosen).toMatch(/^:root\[data-theme=dark\]\{color-scheme:dark;/);
    // Nothing in it that would end a <style> element early.
    expect(sheet).not.toMatch(/<\/?style/i);
  });

  it.each([
    ["dark", "dark"],
    ["light", "light"],
    ["system", "system"],
    [undefined, "system"],
    ["purple", "system"],
  ])("cookie %s -> %s", (value, preference) => {
    expect(parseThemePreference(value)).toBe(preference);
  });
});
