/**
 * Security headers the same for every response. The pages' Content Security Policy needs a
 * nonce per request and comes from proxy.ts; API answers are JSON that no browser should render
 * or frame, hence their own strict policy.
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Console URLs carry subscription ids and registry names: send them nowhere.
  { key: "Referrer-Policy", value: "no-referrer" },
  // For browsers without CSP frame-ancestors; the policy says the same.
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Permissions-Policy",
    value:
      "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
  },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A self-contained server (`.next/standalone/server.js` with the node_modules it needs), for
  // the container image and any machine without the project's dependencies; see the README.
  output: "standalone",
  // `npm test` type-checks the whole project (tsc --noEmit) before any build; checking again
  // inside `next build` doubles the work on every CI run and demo start.
  typescript: { ignoreBuildErrors: true },
  // The ARM SDK and the prober use Node APIs; keep them out of the client bundle.
  serverExternalPackages: [
    "@azure/arm-containerregistry",
    "@azure/arm-monitor",
    "@azure/core-rest-pipeline",
  ],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        source: "/api/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
