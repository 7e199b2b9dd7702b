import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { loadAgentConfig } from "@/agent/config";

const DIR = join(process.cwd(), "deploy", "agent");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

function load(file: string): Doc[] {
  const docs = parseAllDocuments(readFileSync(join(DIR, file), "utf8"));
  for (const d of docs) expect(d.errors, `${file}: ${d.errors.join("; ")}`).toEqual([]);
  return docs.map((d) => d.toJS() as Doc);
}

const all = () =>
  readdirSync(DIR)
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => load(f).map((doc) => ({ file: f, doc })));

describe("the probe agent's Kubernetes manifests", () => {
  it("parse, and every resource has a kind, a name and the agent's namespace", () => {
    const docs = all();
    expect(docs.length).toBeGreaterThanOrEqual(7);
    for (const { file, doc } of docs) {
      expect(doc.apiVersion, file).toBeTruthy();
      expect(doc.kind, file).toBeTruthy();
      if (doc.kind === "Namespace" || doc.kind === "Kustomization") continue;
      expect(doc.metadata?.name, file).toBeTruthy();
      expect(doc.metadata?.namespace, file).toBe("acr-probe");
    }
  });

  it("the kustomization lists every manifest", () => {
    const [kustomization] = load("kustomization.yaml");
    const files = readdirSync(DIR).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml");
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it("the Deployment runs the agent with workload identity, health probes and scrape annotations", () => {
    const [deployment] = load("deployment.yaml");
    const pod = deployment.spec.template;
    expect(pod.metadata.labels["azure.workload.identity/use"]).toBe("true");
    expect(pod.spec.serviceAccountName).toBe("acr-probe-agent");
    const [container] = pod.spec.containers;
    const script = JSON.parse(readFileSync("package.json", "utf8")).scripts.agent as string;
    // What `npm run agent` runs: tsx with the react-server condition, agent/main.ts.
    expect(script).toBe("tsx --conditions=react-server agent/main.ts");
    expect(container.command).toEqual([
      "node",
      "--import",
      "tsx",
      "--conditions=react-server",
      "agent/main.ts",
    ]);
    expect(container.livenessProbe.httpGet.path).toBe("/healthz");
    expect(container.readinessProbe.httpGet.path).toBe("/readyz");
    const port = container.ports[0].containerPort;
    expect(pod.metadata.annotations["prometheus.io/port"]).toBe(String(port));
    expect(deployment.spec.selector.matchLabels).toEqual(
      Object.fromEntries(
        Object.entries(pod.metadata.labels).filter(([k]) => k.startsWith("app.kubernetes.io")),
      ),
    );
  });

  it("the ConfigMap and Secret are a valid agent configuration, listening on the scraped port", () => {
    const [config] = load("configmap.yaml");
    const [secret] = load("secret.yaml");
    const agent = loadAgentConfig({ ...config.data, ...secret.stringData });
    const [deployment] = load("deployment.yaml");
    expect(agent.listen.port).toBe(
      deployment.spec.template.spec.containers[0].ports[0].containerPort,
    );
    const [service] = load("service.yaml");
    const [monitor] = load("servicemonitor.yaml");
    expect(monitor.spec.endpoints[0].port).toBe(service.spec.ports[0].name);
    expect(monitor.spec.selector.matchLabels).toEqual(service.spec.selector);
  });
});
