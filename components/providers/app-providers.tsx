"use client";
import { QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { PublicConfig } from "@/lib/types";
import { getQueryClient } from "@/lib/queries/query-client";
import { AuthProvider } from "../auth/auth-provider";
import { FluentRoot } from "./fluent-root";

/** Everything a page runs inside: Fluent (with SSR styles), TanStack Query, sign-in. */
export function AppProviders({
  config,
  nonce,
  children,
}: {
  config: PublicConfig;
  /** The page's CSP nonce, for the style elements Fluent UI creates. */
  nonce?: string;
  children: ReactNode;
}) {
  return (
    <FluentRoot nonce={nonce}>
      <QueryClientProvider client={getQueryClient()}>
        <AuthProvider config={config}>{children}</AuthProvider>
      </QueryClientProvider>
    </FluentRoot>
  );
}
