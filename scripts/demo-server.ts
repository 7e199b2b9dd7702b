/**
 * Where `npm run demo` starts the console's production server (`production-server.ts`). The demo
 * signs in seeded users whose passwords are printed on the terminal, so it listens on the
 * loopback interface only unless `HOST` says otherwise (e.g. `HOST=0.0.0.0` to show it to
 * another machine).
 */
export interface DemoServer {
  port: string;
  hostname: string;
  /** Environment additions: emulator mode, chosen explicitly. */
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
    port,
    hostname: host,
    env: {
      CONSOLE_MODE: "emulator",
      EMULATOR_ENDPOINTS_FILE: endpointsFile,
      NODE_EXTRA_CA_CERTS: caFile,
    },
    url: `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}`,
  };
}
