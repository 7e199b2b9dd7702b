/**
 * Advice when ACR issues a token that grants no pull on a repository: the identity signs in to
 * the registry (it holds some role there) but may not pull. In ACR's terms: AcrPull, or a role
 * with `registries/pull/read`, in the RBAC-only permissions mode; Container Registry Repository
 * Reader in the ABAC mode, where the legacy roles are not honoured.
 */
export function pullAdvice(repository: string): string {
  return (
    `The identity signs in to the registry but holds no pull on ${repository}: assign it AcrPull ` +
    "(or another role with Microsoft.ContainerRegistry/registries/pull/read) on the registry, its " +
    "resource group or its subscription. In a registry whose role assignment permissions mode is " +
    "RBAC Registry + ABAC Repository Permissions, assign Container Registry Repository Reader " +
    "instead, optionally limited to this repository."
  );
}
