import { regionOfHost } from "@/lib/endpoints/host";
import type { Registry } from "@/lib/types";
import { imagePath, isDigest } from "./names";

/** What the kit is built from: ARM's data for the registry, the image and the target region. */
export interface KitInput {
  registry: Pick<
    Registry,
    "name" | "loginServer" | "regionalEndpoints" | "regionalEndpointHostNames"
  >;
  repository: string;
  /** A tag or a `sha256:` digest. */
  reference: string;
  /** The region the workload runs in (its co-located replica). */
  region: string;
  /** Measured latency per regional host (median ms), from the console's probes or a vantage. */
  latencies: Record<string, number | null | undefined>;
  /** Where the latencies were measured (named in the hosts.toml comment). */
  vantage: string;
  deployment?: string;
  container?: string;
}

export interface Mirror {
  host: string;
  region: string;
  latencyMs: number | null;
}

export interface Kit {
  /** The pinned regional host, or null when the region has no regional endpoint. */
  host: string | null;
  imageRef: string;
  globalRef: string;
  login: string;
  pull: string;
  deploymentPatch: string;
  kustomization: string;
  /** containerd's `/etc/containerd/certs.d/<login server>/hosts.toml`. */
  hostsTomlPath: string;
  hostsToml: string;
  mirrors: Mirror[];
  /** Image-matching patterns a kubelet credential provider needs for these names. */
  credentialPatterns: string[];
}

/** A TOML basic string (also a YAML double-quoted scalar: JSON's escapes are valid in both). */
function quoted(value: string): string {
  return JSON.stringify(value);
}

/**
 * Regional hosts as mirrors, fastest first by measured latency; hosts without a measurement
 * follow in ARM's order. The global login server is the final fallback (containerd's `server`).
 */
export function orderMirrors(hosts: readonly string[], latencies: KitInput["latencies"]): Mirror[] {
  const mirrors = hosts.map((host, index) => {
    const ms = latencies[host.toLowerCase()] ?? latencies[host];
    return {
      host: host.toLowerCase(),
      region: regionOfHost(host) ?? host,
      latencyMs: typeof ms === "number" && Number.isFinite(ms) ? Math.round(ms * 10) / 10 : null,
      index,
    };
  });
  mirrors.sort((a, b) => {
    if (a.latencyMs === null || b.latencyMs === null) {
      return a.latencyMs === null && b.latencyMs === null
        ? a.index - b.index
        : a.latencyMs === null
          ? 1
          : -1;
    }
    return a.latencyMs - b.latencyMs || a.index - b.index;
  });
  return mirrors.map(({ host, region, latencyMs }) => ({ host, region, latencyMs }));
}

/** containerd's hosts.toml: the mirrors in order, then `server` (the global login server). */
export function hostsToml(
  loginServer: string,
  mirrors: readonly Mirror[],
  vantage: string,
): string {
  const lines = [
    `# containerd registry configuration for ${loginServer}`,
    `# Mirrors are tried in order (fastest first as measured from ${vantage.replace(/[\r\n]/g, " ")});`,
    "# the global login server is the final fallback.",
    `server = ${quoted(`https://${loginServer}`)}`,
  ];
  for (const mirror of mirrors) {
    lines.push(
      "",
      `# ${mirror.region}: ${mirror.latencyMs === null ? "not measured" : `${mirror.latencyMs} ms`}`,
      `[host.${quoted(`https://${mirror.host}`)}]`,
      `  capabilities = ["pull", "resolve"]`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Everything a workload needs to pin an image to one regional endpoint. */
export function buildKit(input: KitInput): Kit {
  const { registry, repository, reference } = input;
  const regional =
    registry.regionalEndpoints === "Enabled" ? registry.regionalEndpointHostNames : [];
  const host =
    regional.find((h) => regionOfHost(h) === input.region.toLowerCase())?.toLowerCase() ?? null;
  const path = imagePath(repository, reference);
  const globalRef = `${registry.loginServer}/${path}`;
  const imageRef = host ? `${host}/${path}` : globalRef;
  const login = host
    ? `az acr login --name ${registry.name} --endpoint ${input.region}`
    : `az acr login --name ${registry.name}`;
  const deployment = input.deployment?.trim() || "my-app";
  const container = input.container?.trim() || "app";
  const deploymentPatch = [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    `  name: ${quoted(deployment)}`,
    "spec:",
    "  template:",
    "    spec:",
    "      containers:",
    `        - name: ${quoted(container)}`,
    `          image: ${quoted(imageRef)}`,
    "",
  ].join("\n");
  const kustomization = [
    "apiVersion: kustomize.config.k8s.io/v1beta1",
    "kind: Kustomization",
    "images:",
    `  - name: ${quoted(`${registry.loginServer}/${repository}`)}`,
    `    newName: ${quoted(`${host ?? registry.loginServer}/${repository}`)}`,
    isDigest(reference) ? `    digest: ${quoted(reference)}` : `    newTag: ${quoted(reference)}`,
    "",
  ].join("\n");
  const mirrors = orderMirrors(regional, input.latencies);
  const suffix = registry.loginServer.split(".").slice(1).join(".");
  return {
    host,
    imageRef,
    globalRef,
    login,
    pull: `docker pull ${imageRef}`,
    deploymentPatch,
    kustomization,
    hostsTomlPath: `/etc/containerd/certs.d/${registry.loginServer}/hosts.toml`,
    hostsToml: hostsToml(registry.loginServer, mirrors, input.vantage),
    mirrors,
    // kubelet's matchImages: each `*` matches exactly one DNS label.
    credentialPatterns: [`*.${suffix}`, ...(regional.length > 0 ? [`*.*.geo.${suffix}`] : [])],
  };
}
