import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { CLOUD_NAMES } from "@/lib/cloud";
import { parseSettings, SETTING_VARIABLES } from "@/lib/settings";

/**
 * The container image definition and the Kubernetes manifests of the console hold what the
 * README promises: health routes, an unprivileged read-only container, the drain finishing
 * inside the termination grace period, a configuration the console accepts.
 */

const root = process.cwd();
const read = (path: string) => readFileSync(join(root, path), "utf8");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

function docs(path: string): Doc[] {
  return parseAllDocuments(read(path)).map((d) => {
    expect(d.errors, path).toEqual([]);
    return d.toJS();
  });
}

const kustomization = docs("deploy/console/kustomization.yaml")[0];
const all: Doc[] = (kustomization.resources as string[]).flatMap((file) =>
  docs(`deploy/console/${file}`),
);
const byKind = (kind: string) => {
  const found = all.filter((d) => d.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0];
};
const deployment = byKind("Deployment");
const service = byKind("Service");
const configMap = byKind("ConfigMap");
const pod = deployment.spec.template.spec;
const container = pod.containers[0];
const readme = read("README.md");

describe("Kubernetes manifests (deploy/console)", () => {
  it("lists every manifest in the kustomization, each valid Kubernetes YAML", () => {
    expect(kustomization.resources.sort()).toEqual([
      "configmap.yaml",
      "deployment.yaml",
      "service.yaml",
    ]);
    for (const d of all) {
      expect(d.apiVersion).toEqual(expect.any(String));
      expect(d.metadata.name).toBe("acr-geo-console");
    }
  });

  it("probes the health routes on the container's port", () => {
    const port = container.ports.find((p: Doc) => p.name === "http");
    expect(port.containerPort).toBe(3000);
    expect(container.livenessProbe.httpGet).toEqual({ path: "/api/health/live", port: "http" });
    expect(container.readinessProbe.httpGet).toEqual({ path: "/api/health/ready", port: "http" });
    expect(container.startupProbe.httpGet.path).toBe("/api/health/live");
    expect(container.env).toContainEqual({ name: "PORT", value: String(port.containerPort) });
    expect(container.env).toContainEqual({ name: "HOSTNAME", value: "0.0.0.0" });
  });

  it("runs unprivileged: non-root, no privilege escalation, read-only root, no capabilities", () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ["ALL"] },
    });
    // What Next.js writes goes to volumes, not the read-only root.
    const mounts = container.volumeMounts.map((m: Doc) => m.mountPath).sort();
    expect(mounts).toEqual(["/app/.next/cache", "/tmp"]);
    for (const m of container.volumeMounts) {
      expect(pod.volumes.find((v: Doc) => v.name === m.name).emptyDir).toBeDefined();
    }
  });

  it("gives the SIGTERM drain (SHUTDOWN_GRACE_MS) a few seconds less than the grace period", () => {
    const grace = Number(configMap.data.SHUTDOWN_GRACE_MS);
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThanOrEqual(grace + 5_000);
  });

  it("takes its configuration from a ConfigMap the console accepts", () => {
    expect(container.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
    const data = configMap.data as Record<string, string>;
    expect(data.CONSOLE_MODE).toBe("azure");
    expect(data.AZURE_TENANT_ID).toMatch(/^[0-9a-f-]{36}$/);
    expect(data.AZURE_CLIENT_ID).toMatch(/^[0-9a-f-]{36}$/);
    expect(CLOUD_NAMES).toContain(data.AZURE_CLOUD);
    const settings = Object.fromEntries(
      SETTING_VARIABLES.filter((v) => v in data).map((v) => [v, data[v]]),
    );
    expect(parseSettings(settings)).toMatchObject({ ok: true });
    // Every key is a variable the README documents.
    for (const key of Object.keys(data)) expect(readme, key).toContain(`\`${key}\``);
  });

  it("serves the pods' port through the Service", () => {
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    expect(service.spec.ports[0]).toMatchObject({ port: 80, targetPort: "http" });
  });
});

describe("container image (Dockerfile)", () => {
  const dockerfile = read("Dockerfile");
  const stages = [...dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]);
  const runtime = dockerfile.slice(dockerfile.search(/^FROM\s+\S+\s+AS\s+runtime/im));

  it("builds in one stage and runs the standalone output in another", () => {
    expect(stages).toEqual(["build", "runtime"]);
    expect(runtime).toMatch(/COPY --from=build \/src\/\.next\/standalone \.\//);
    expect(runtime).toMatch(/COPY --from=build \/src\/\.next\/static \.\/\.next\/static/);
    expect(runtime).toMatch(/^CMD \["node", "server\.js"\]$/m);
    // No package manager at run time: the standalone output carries its own node_modules.
    expect(runtime).not.toMatch(/npm (ci|install)/);
    expect(read("next.config.js")).toMatch(/output: "standalone"/);
  });

  it("runs as the same unprivileged user the Deployment names", () => {
    const user = /^USER (\d+):(\d+)$/m.exec(runtime);
    expect(user).not.toBeNull();
    expect(Number(user![1])).toBe(pod.securityContext.runAsUser);
    expect(Number(user![1])).toBeGreaterThan(0);
  });

  it("checks its health on /api/health/live at the port the Deployment uses", () => {
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/api\/health\/live/m);
    expect(runtime).toMatch(/PORT=3000/);
    expect(runtime).toMatch(/^EXPOSE 3000$/m);
  });

  it("leaves build output, state and secrets out of the build context", () => {
    const ignored = read(".dockerignore").split("\n");
    for (const entry of [".git", ".next", ".emulator", "node_modules"])
      expect(ignored).toContain(entry);
  });
});
