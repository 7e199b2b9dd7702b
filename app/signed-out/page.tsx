import type { Metadata } from "next";
import { SignedOut } from "@/components/auth/signed-out";

export const metadata: Metadata = { title: "Signed out" };

/** Where sign-out lands; outside the sign-in gate so it does not sign straight back in. */
export default function SignedOutPage() {
  return <SignedOut />;
}
