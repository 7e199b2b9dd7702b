"use client";
import { QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { PublicConfig } from "@/lib/types";
import { getQueryClient } from "@/lib/queries/query-client";
import { AuthProvider } from "../auth/auth-provider";
import { FluentRoot } from "./fluent-root";

/** Everything a page runs inside: Fluent (with SSR styles), TanStack Query, sign-in. */
export function AppProviders({ config, children }: { config: PublicConfig; children: ReactNode }) {
  return (
    <FluentRoot>
      <QueryClientProvider client={getQueryClient()}>
        <AuthProvider config={config}>{children}</AuthProvider>
      </QueryClientProvider>
    </FluentRoot>
  );
}
