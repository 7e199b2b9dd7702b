import type { Metadata } from "next";
import { RedirectBridge } from "@/components/auth/redirect-bridge";

export const metadata: Metadata = { title: "Signing in" };

/** The redirect URI registered with the identity provider (MSAL 5 redirect bridge). */
export default function RedirectBridgePage() {
  return <RedirectBridge />;
}
