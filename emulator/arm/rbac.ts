import type { PrincipalState, RoleName } from "../store/types";

/**
 * ACR's pull permission in a registry whose role assignment permissions mode is RBAC only (the
 * mode the emulator models): a control-plane action, which AcrPull holds alone and Reader through
 * its `*\/read`.
 */
export const PULL_ACTION = "Microsoft.ContainerRegistry/registries/pull/read";

/**
 * The role definitions' action lists: the built-in ones as Azure defines them, and the seeded
 * tenant's custom `Registry Configuration Reader`, Reader without `registries/pull/read`: it reads
 * every registry setting through ARM but gets no image through the data plane.
 */
export const ROLE_PERMISSIONS: Record<RoleName, { actions: string[]; notActions: string[] }> = {
  Owner: { actions: ["*"], notActions: [] },
  Contributor: {
    actions: ["*"],
    notActions: [
      "Microsoft.Authorization/*/Delete",
      "Microsoft.Authorization/*/Write",
      "Microsoft.Authorization/elevateAccess/Action",
      "Microsoft.Blueprint/blueprintAssignments/write",
      "Microsoft.Blueprint/blueprintAssignments/delete",
      "Microsoft.Compute/galleries/share/action",
      "Microsoft.Purview/consents/write",
      "Microsoft.Purview/consents/delete",
      "Microsoft.Resources/deploymentStacks/manageDenySetting/action",
      "Microsoft.Subscription/cancel/action",
      "Microsoft.Subscription/enable/action",
    ],
  },
  Reader: { actions: ["*/read"], notActions: [] },
  "Registry Configuration Reader": { actions: ["*/read"], notActions: [PULL_ACTION] },
};

export const ACTIONS = {
  registryRead: "Microsoft.ContainerRegistry/registries/read",
  registryWrite: "Microsoft.ContainerRegistry/registries/write",
  replicationRead: "Microsoft.ContainerRegistry/registries/replications/read",
  replicationWrite: "Microsoft.ContainerRegistry/registries/replications/write",
  operationStatusRead: "Microsoft.ContainerRegistry/registries/operationStatuses/read",
} as const;

function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`, "i");
}

function matchesAny(action: string, patterns: string[]): boolean {
  return patterns.some((p) => wildcardToRegExp(p).test(action));
}

/** Whether `scope` lies within `assignmentScope` ("/" covers everything). */
export function scopeCovers(assignmentScope: string, scope: string): boolean {
  const outer = assignmentScope.toLowerCase().replace(/\/+$/, "");
  const inner = scope.toLowerCase().replace(/\/+$/, "");
  return outer === "" || inner === outer || inner.startsWith(`${outer}/`);
}

/** The roles the principal holds at `scope` (inherited from above included). */
export function rolesAt(principal: PrincipalState | undefined, scope: string): RoleName[] {
  if (!principal) return [];
  return [
    ...new Set(principal.assignments.filter((a) => scopeCovers(a.scope, scope)).map((a) => a.role)),
  ];
}

export function isAllowed(
  principal: PrincipalState | undefined,
  action: string,
  scope: string,
): boolean {
  return rolesAt(principal, scope).some((role) => {
    const { actions, notActions } = ROLE_PERMISSIONS[role];
    return matchesAny(action, actions) && !matchesAny(action, notActions);
  });
}

/** Whether the principal has any assignment at or below the subscription (it can see it). */
export function seesSubscription(
  principal: PrincipalState | undefined,
  subscriptionId: string,
): boolean {
  const scope = `/subscriptions/${subscriptionId}`;
  return (principal?.assignments ?? []).some(
    (a) => scopeCovers(a.scope, scope) || scopeCovers(scope, a.scope),
  );
}
