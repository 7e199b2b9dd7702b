import type { ServerResponse } from "node:http";

/**
 * The page at `/`: opening it in a browser once accepts (or checks) the emulator's certificate,
 * which the console's sign-in needs before it can reach the identity provider.
 */
export function sendLanding(res: ServerResponse, armEndpoint: string): void {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>ACR Geo Console emulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;line-height:1.5;padding:0 1rem}
code{background:#f3f3f3;padding:0 .25rem}</style></head>
<body>
<h1>Emulated Azure is running</h1>
<p>The emulator's certificate is accepted by this browser. Go back to the console and sign in.</p>
<p>ARM endpoint: <code>${armEndpoint}</code></p>
</body>
</html>
`;
  res.statusCode = 200;
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("cache-control", "no-store");
  res.end(html);
}
