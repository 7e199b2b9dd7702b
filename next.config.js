/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The ARM SDK and the prober use Node APIs; keep them out of the client bundle.
  serverExternalPackages: ["@azure/arm-containerregistry", "@azure/core-rest-pipeline"],
};

module.exports = nextConfig;
