"use client";
import { createContext, useContext, type ReactNode } from "react";
import type { TokenGetter } from "@/lib/queries/api";

const TokenContext = createContext<TokenGetter | null>(null);

/** Makes the signed-in user's token getter available to the query hooks. */
export function TokenProvider({
  getToken,
  children,
}: {
  getToken: TokenGetter;
  children: ReactNode;
}) {
  return <TokenContext.Provider value={getToken}>{children}</TokenContext.Provider>;
}

/** The token getter of the signed-in user; only valid under the sign-in gate. */
export function useTokenGetter(): TokenGetter {
  const getToken = useContext(TokenContext);
  if (!getToken)
    throw new Error("useTokenGetter needs a TokenProvider (the sign-in gate) above it");
  return getToken;
}
