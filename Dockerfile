# The console's container image: built in one stage, run from Next.js's standalone output in
# another, as an unprivileged user, with no development dependencies and no npm at run time.
#   docker build -t acr-geo-console .
#   docker run -p 3000:3000 -e CONSOLE_MODE=azure -e AZURE_TENANT_ID=... -e AZURE_CLIENT_ID=... acr-geo-console
# Runtime configuration: README.md, "Configuration" and "Container image and Kubernetes".

ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx next build

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000
# Owned by root and not writable by the server's user; Next.js writes only under .next/cache.
COPY --from=build /src/.next/standalone ./
COPY --from=build /src/.next/static ./.next/static
RUN mkdir -p .next/cache && chown 1000:1000 .next/cache
# The image's `node` user, by number so that Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
