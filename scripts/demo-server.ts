/**
 * How `npm run demo` starts the console's production server: the build's standalone server
 * (`node .next/standalone/server.js`, as in production), which takes its address from `PORT` and
 * `HOSTNAME`. The demo signs in seeded users whose passwords are printed on the terminal, so it
 * listens on the loopback interface only unless `HOST` says otherwise (e.g. `HOST=0.0.0.0` to
 * show it to another machine).
 */
export interface DemoServer {
  /** Environment additions: the address, and emulator mode, chosen explicitly. */
  env: Record<string, string>;
  /** What to open in a browser. */
  url: string;
}

export function demoServer(
  env: Record<string, string | undefined>,
  endpointsFile: string,
  caFile: string,
): DemoServer {
  const port = env.PORT?.trim() || "3000";
  const host = env.HOST?.trim() || "localhost";
  const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  return {
    env: {
      PORT: port,
      HOSTNAME: host,
      CONSOLE_MODE: "emulator",
      EMULATOR_ENDPOINTS_FILE: endpointsFile,
      NODE_EXTRA_CA_CERTS: caFile,
    },
    url: `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}`,
  };
}
