"use client";
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { FluentRoot } from "../providers/fluent-root";
import { AppShell } from "./app-shell";

/** Shown instead of the console when its configuration is missing or invalid. */
export function ConfigErrorPage({ message, nonce }: { message: string; nonce?: string }) {
  return (
    <FluentRoot nonce={nonce}>
      <AppShell>
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The console is not configured</MessageBarTitle>
            {message} See the README for the two ways to run it: against the emulator, or against
            Azure with AZURE_TENANT_ID and AZURE_CLIENT_ID.
          </MessageBarBody>
        </MessageBar>
      </AppShell>
    </FluentRoot>
  );
}
