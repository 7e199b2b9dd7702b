import type { IncomingMessage, ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import type Provider from "oidc-provider";
import type { Store } from "../contracts";
import { findUserBySignInName, principalsOfKind } from "../store/finders";
import type { PrincipalState } from "../store/types";
import { errorPage, loginPage, type DemoUser } from "./pages";

const MAX_FORM_BYTES = 16 * 1024;

function demoUsers(store: Store): DemoUser[] {
  return principalsOfKind(store.state, "user")
    .filter((p) => p.username)
    .map((p) => ({
      username: p.username ?? "",
      password: p.password ?? "",
      displayName: p.displayName,
      persona: p.persona,
    }));
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Finds the user by sign-in name (case-insensitive, as Entra's UPNs) and checks the password. */
function authenticate(
  store: Store,
  username: string,
  password: string,
): PrincipalState | undefined {
  const user = findUserBySignInName(store.state, username.trim());
  if (!user?.password || !sameSecret(user.password, password)) return undefined;
  return user;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new Error("form too large");
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function send(res: ServerResponse, status: number, html: string) {
  res.statusCode = status;
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("cache-control", "no-store");
  res.end(html);
}

/**
 * The login interaction at `/<tenant>/login/<uid>`: GET shows the form, POST checks the
 * credentials and finishes the interaction (oidc-provider then resumes the authorization request).
 * Returns the object id of the user who signed in, for the request log.
 */
export async function handleLogin(
  provider: Provider,
  store: Store,
  req: IncomingMessage,
  res: ServerResponse,
  clientName: (clientId: string) => string,
): Promise<string | undefined> {
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    send(
      res,
      400,
      errorPage({
        error: "interaction_expired",
        error_description:
          "This sign-in attempt is no longer valid. Go back to the application and sign in again.",
      }),
    );
    return undefined;
  }
  const action = new URL(req.url ?? "/", "https://localhost").pathname;
  const clientId = String(details.params.client_id ?? "");
  const view = { action, clientName: clientName(clientId), users: demoUsers(store) };

  if (req.method === "GET") {
    const hint = typeof details.params.login_hint === "string" ? details.params.login_hint : "";
    send(res, 200, loginPage({ ...view, username: hint }));
    return undefined;
  }
  if (req.method !== "POST") {
    res.statusCode = 405;
    res.setHeader("allow", "GET, POST");
    res.end();
    return undefined;
  }
  const form = await readForm(req);
  const username = form.get("username") ?? "";
  const user = authenticate(store, username, form.get("password") ?? "");
  if (!user) {
    send(
      res,
      200,
      loginPage({
        ...view,
        username,
        error: "Your account or password is incorrect. Check the demo users listed below.",
      }),
    );
    return undefined;
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.objectId, amr: ["pwd"] } },
    { mergeWithLastSubmission: false },
  );
  return user.objectId;
}
