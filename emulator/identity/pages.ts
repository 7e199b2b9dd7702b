/**
 * Server-rendered pages of the emulated sign-in: self-contained HTML, no external assets (the
 * emulator runs offline).
 */

function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;font-family:"Segoe UI",system-ui,-apple-system,sans-serif;background:#f3f2f1;color:#1b1a19}
  main{max-width:480px;margin:48px auto;background:#fff;padding:32px 40px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
  h1{font-size:24px;font-weight:600;margin:0 0 8px}
  p.sub{margin:0 0 20px;color:#605e5c;font-size:14px}
  label{display:block;font-size:14px;margin:16px 0 4px}
  input[type=text],input[type=password]{width:100%;padding:6px 8px;font-size:15px;border:1px solid #8a8886}
  input:focus{outline:2px solid #0078d4}
  button{margin-top:20px;background:#0078d4;color:#fff;border:0;padding:8px 24px;font-size:15px;cursor:pointer}
  button:focus{outline:2px solid #1b1a19;outline-offset:2px}
  .error{background:#fde7e9;color:#a4262c;padding:8px 12px;margin:12px 0;font-size:14px}
  table{border-collapse:collapse;width:100%;font-size:13px;margin-top:8px}
  caption{text-align:left;font-weight:600;font-size:14px;margin:24px 0 4px}
  th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #edebe9}
  code{font-family:Consolas,monospace}
  .note{font-size:12px;color:#605e5c;margin-top:16px}
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<!-- No icon: otherwise the browser asks for /favicon.ico, which is ARM's path space here (a 401). -->
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export interface DemoUser {
  username: string;
  password: string;
  displayName: string;
  persona: string;
}

/** The sign-in form, with the demo users and their passwords (demo only, published by design). */
export function loginPage(args: {
  action: string;
  clientName: string;
  users: DemoUser[];
  username?: string;
  error?: string;
}): string {
  const rows = args.users
    .map(
      (u) =>
        `<tr><td>${escapeHtml(u.displayName)}</td><td>${escapeHtml(u.persona)}</td>` +
        `<td><code>${escapeHtml(u.username)}</code></td><td><code>${escapeHtml(u.password)}</code></td></tr>`,
    )
    .join("\n");
  const error = args.error
    ? `<div class="error" role="alert" id="error">${escapeHtml(args.error)}</div>`
    : "";
  return page(
    "Sign in - emulated Entra ID",
    `<h1>Sign in</h1>
<p class="sub">to ${escapeHtml(args.clientName)} (emulated Entra ID tenant)</p>
${error}
<form method="post" action="${escapeHtml(args.action)}" autocomplete="off">
<label for="username">Username</label>
<input type="text" id="username" name="username" value="${escapeHtml(args.username ?? "")}" required autofocus${args.error ? ' aria-describedby="error"' : ""}>
<label for="password">Password</label>
<input type="password" id="password" name="password" required>
<button type="submit">Sign in</button>
</form>
<table>
<caption>Demo users</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Persona</th><th scope="col">Username</th><th scope="col">Password</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="note">Demo only: these accounts exist in the local emulator and nowhere else.</p>`,
  );
}

/** Sign-out: oidc-provider's confirmation form, submitted at once as Entra signs out directly. */
export function logoutPage(form: string): string {
  return page(
    "Sign out - emulated Entra ID",
    `<h1>Signing out</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<script>
(function () {
  var f = document.getElementById("op.logoutForm");
  var i = document.createElement("input");
  i.type = "hidden"; i.name = "logout"; i.value = "yes"; f.appendChild(i); f.submit();
})();
</script>`,
  );
}

export function signedOutPage(): string {
  return page(
    "Signed out - emulated Entra ID",
    `<h1>You signed out of your account</h1>
<p class="sub">It's a good idea to close all browser windows.</p>`,
  );
}

export function errorPage(out: Record<string, string>): string {
  const items = Object.entries(out)
    .map(([k, v]) => `<p><strong>${escapeHtml(k)}</strong>: ${escapeHtml(v)}</p>`)
    .join("\n");
  return page(
    "Sign-in error - emulated Entra ID",
    `<h1>Sorry, but we're having trouble signing you in.</h1>
<div class="error" role="alert">${items}</div>`,
  );
}
