import { DefaultAzureCredential } from "@azure/identity";
import type { TokenCredential } from "@azure/core-auth";
import type { EmulatorTarget } from "./emulator";

/**
 * The agent's own identity: `DefaultAzureCredential`, which tries, in order, a service principal
 * from the environment (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET` or a
 * certificate), AKS workload identity (`AZURE_FEDERATED_TOKEN_FILE`, set by the webhook), a
 * managed identity, then developer tools. Against the emulator the environment names its
 * automation client and `AZURE_AUTHORITY_HOST` its sign-in, whose CA is trusted here; its
 * authority is not one of Entra's, so MSAL's instance discovery is off.
 */
export function agentCredential(emulator?: EmulatorTarget): TokenCredential {
  if (!emulator) return new DefaultAzureCredential();
  return new DefaultAzureCredential({
    authorityHost: process.env.AZURE_AUTHORITY_HOST ?? emulator.authorityHost,
    tenantId: process.env.AZURE_TENANT_ID ?? emulator.tenantId,
    disableInstanceDiscovery: true,
    // core-rest-pipeline hands these to the HTTPS agent, which takes a CA.
    tlsOptions: { ca: emulator.caPem } as object,
  } as ConstructorParameters<typeof DefaultAzureCredential>[0]);
}
