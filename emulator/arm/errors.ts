/**
 * ARM's error answers, one named constructor per case, with the codes and message shapes Azure
 * Resource Manager uses. Where the service's code is undocumented the emulator's choice is named
 * as such in emulator/README.md.
 */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ArmError";
  }

  get body() {
    return { error: { code: this.code, message: this.message } };
  }
}

const RESOURCE_NOT_FOUND_HELP =
  "For more details please go to https://aka.ms/ARMResourceNotFoundFix";

export const armErrors = {
  missingApiVersion: () =>
    new ArmError(
      400,
      "MissingApiVersionParameter",
      "The api-version query parameter (?api-version=) is required for all requests.",
    ),
  invalidApiVersion: (version: string, supported: readonly string[]) =>
    new ArmError(
      400,
      "InvalidApiVersionParameter",
      `The api-version '${version}' is invalid. The supported versions are '${supported.join(",")}'.`,
    ),
  noRegisteredProvider: (
    version: string,
    type: string,
    location: string,
    supported: readonly string[],
  ) =>
    new ArmError(
      400,
      "NoRegisteredProviderFound",
      `No registered resource provider found for location '${location}' and API version '${version}' for type '${type}'. The supported api-versions are '${supported.join(", ")}'.`,
    ),
  authenticationMissing: () =>
    new ArmError(
      401,
      "AuthenticationFailed",
      "Authentication failed. The 'Authorization' header is missing.",
    ),
  authenticationMalformed: () =>
    new ArmError(
      401,
      "AuthenticationFailedInvalidHeader",
      "Authentication failed. The 'Authorization' header is provided in an invalid format.",
    ),
  invalidToken: () =>
    new ArmError(401, "InvalidAuthenticationToken", "The access token is invalid."),
  expiredToken: () =>
    new ArmError(
      401,
      "ExpiredAuthenticationToken",
      "The access token expiry UTC time is earlier than current UTC time.",
    ),
  invalidAudience: () =>
    new ArmError(
      401,
      "InvalidAuthenticationTokenAudience",
      "The access token has been obtained for wrong audience or resource. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.azure.com/'.",
    ),
  invalidTenant: (tenantId: string) =>
    new ArmError(
      401,
      "InvalidAuthenticationTokenTenant",
      `The access token is from the wrong issuer. It must match the tenant '${tenantId}' associated with this subscription.`,
    ),
  authorizationFailed: (objectId: string, action: string, scope: string) =>
    new ArmError(
      403,
      "AuthorizationFailed",
      `The client '${objectId}' with object id '${objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    ),
  subscriptionNotFound: (subscriptionId: string) =>
    new ArmError(
      404,
      "SubscriptionNotFound",
      `The subscription '${subscriptionId}' could not be found.`,
    ),
  resourceGroupNotFound: (resourceGroup: string) =>
    new ArmError(
      404,
      "ResourceGroupNotFound",
      `Resource group '${resourceGroup}' could not be found.`,
    ),
  resourceNotFound: (typeAndName: string, resourceGroup: string) =>
    new ArmError(
      404,
      "ResourceNotFound",
      `The Resource '${typeAndName}' under resource group '${resourceGroup}' was not found. ${RESOURCE_NOT_FOUND_HELP}`,
    ),
  operationNotFound: (id: string) =>
    new ArmError(404, "OperationNotFound", `The operation '${id}' could not be found.`),
  noRoute: (method: string, path: string) =>
    new ArmError(
      404,
      "NotFound",
      `The emulated Azure Resource Manager does not serve ${method} ${path}.`,
    ),
  methodNotEmulated: (method: string, path: string) =>
    new ArmError(
      405,
      "MethodNotAllowed",
      `The emulated Azure Resource Manager does not emulate ${method} on '${path}'.`,
    ),
  /** `notEmulated`: a filter ARM serves but the emulator does not (said so after ARM's text). */
  invalidFilter: (filter: string, notEmulated?: string) =>
    new ArmError(
      400,
      "InvalidFilterInQueryString",
      `Invalid $filter '${filter}' specified in the query string.${notEmulated ? ` ${notEmulated}` : ""}`,
    ),
  /** ARM's code for a bad $top is undocumented; the name follows InvalidFilterInQueryString. */
  invalidTop: (top: string) =>
    new ArmError(
      400,
      "InvalidTopInQueryString",
      `Invalid $top '${top}' specified in the query string. It must be an integer from 1 to 1000.`,
    ),
  /** A query option ARM serves that the emulator does not (the code is the emulator's choice). */
  queryNotEmulated: (parameter: string, value: string) =>
    new ArmError(
      400,
      "InvalidQueryParameterValue",
      `The emulator does not emulate the value '${value}' of the query parameter '${parameter}'.`,
    ),
  invalidRequestContent: (message: string) => new ArmError(400, "InvalidRequestContent", message),
  badRequest: (code: string, message: string) => new ArmError(400, code, message),
  conflict: (resourceId: string) =>
    new ArmError(
      409,
      "AnotherOperationInProgress",
      `Another operation is in progress on the resource '${resourceId}'. Retry after it completes.`,
    ),
  throttled: (
    kind: "subscription" | "tenant",
    scopeId: string,
    actor: string,
    retryAfter: number,
  ) =>
    new ArmError(
      429,
      kind === "subscription" ? "SubscriptionRequestsThrottled" : "TenantRequestsThrottled",
      `Number of 'read' requests for ${kind} '${scopeId}' actor '${actor}' exceeded. Please try again after '${retryAfter}' seconds after the additional tokens are available. Refer to https://aka.ms/arm-throttling-troubleshoot for additional information.`,
      { "retry-after": String(retryAfter) },
    ),
  injected: (status: number, code: string, message: string, retryAfter?: number) =>
    new ArmError(
      status,
      code,
      message,
      retryAfter === undefined ? {} : { "retry-after": String(retryAfter) },
    ),
};

/** The code an injected fault answers with when it names none, by HTTP status. */
export function defaultCodeFor(status: number): string {
  const codes: Record<number, string> = {
    400: "BadRequest",
    401: "InvalidAuthenticationToken",
    403: "AuthorizationFailed",
    404: "ResourceNotFound",
    409: "Conflict",
    429: "TooManyRequests",
    500: "InternalServerError",
    502: "BadGateway",
    503: "ServiceUnavailable",
    504: "GatewayTimeout",
  };
  return codes[status] ?? `Http${status}`;
}
