/**
 * Next.js calls `register` once as the server starts. Only the Node.js server runs the console's
 * server code; NEXT_RUNTIME is Next.js's own build-time marker, not configuration.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startConsole } = await import("./lib/lifecycle/startup");
    startConsole();
    // Probe agents' feeds, the embedded history and the metrics listener start with the server.
    const { startVantages } = await import("./lib/vantages/server/startup");
    startVantages();
  }
}
