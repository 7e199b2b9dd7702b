"use client";
import {
  Button,
  Menu,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  type MenuProps,
} from "@fluentui/react-components";
import { DarkThemeRegular } from "@fluentui/react-icons";
import { THEME_PREFERENCES, type ThemePreference } from "../providers/theme";
import { setThemePreference, useThemePreference } from "../ui/color-scheme";

const LABEL: Record<ThemePreference, string> = {
  system: "System",
  light: "Light",
  dark: "Dark",
};

/** Light, dark or the system's choice; kept for the next visit. */
export function ThemeMenu() {
  const preference = useThemePreference();
  const onChange: MenuProps["onCheckedValueChange"] = (_e, data) => {
    const picked = THEME_PREFERENCES.find((p) => p === data.checkedItems[0]);
    if (picked) setThemePreference(picked);
  };
  return (
    <Menu checkedValues={{ theme: [preference] }} onCheckedValueChange={onChange}>
      <MenuTrigger disableButtonEnhancement>
        <Button
          appearance="primary"
          icon={<DarkThemeRegular />}
          aria-label={`Theme: ${LABEL[preference]}`}
        >
          {LABEL[preference]}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {THEME_PREFERENCES.map((p) => (
            <MenuItemRadio key={p} name="theme" value={p}>
              {LABEL[p]}
            </MenuItemRadio>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
