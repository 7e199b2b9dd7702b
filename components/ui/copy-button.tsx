"use client";
import { Button, Tooltip } from "@fluentui/react-components";
import { CheckmarkRegular, CopyRegular } from "@fluentui/react-icons";
import { useEffect, useState } from "react";
import { copyText } from "./clipboard";

/** How long the button shows that the copy worked. */
const COPIED_FEEDBACK_MS = 2_000;

/**
 * Copies `text`. Its accessible name says what is copied (`label`, e.g. "Copy
 * contoso.azurecr.io"), and it confirms the copy or says it failed.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), COPIED_FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [state]);
  const tip =
    state === "copied"
      ? "Copied"
      : state === "failed"
        ? "Copy failed: select the text and copy it"
        : label;
  return (
    <Tooltip content={tip} relationship="description" visible={state !== "idle" ? true : undefined}>
      <Button
        appearance="subtle"
        size="small"
        aria-label={label}
        icon={state === "copied" ? <CheckmarkRegular /> : <CopyRegular />}
        onClick={() => {
          copyText(text).then(
            () => setState("copied"),
            () => setState("failed"),
          );
        }}
      />
    </Tooltip>
  );
}
