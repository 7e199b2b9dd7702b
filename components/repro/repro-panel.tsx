"use client";
import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { ArrowDownloadRegular } from "@fluentui/react-icons";
import { useEffect, useState } from "react";
import { regionOfHost } from "@/lib/endpoints/host";
import type { ProbeSample } from "@/lib/probe/shared/types";
import { bundleJson, bundleMarkdown, type BundleInput } from "@/lib/repro/bundle";
import { isRepositoryName, isTag } from "@/lib/repro/names";
import type { DigestMatrix, HealthCheckResult } from "@/lib/repro/types";
import type { Registry, RegistryRef } from "@/lib/types";
import { downloadText } from "../ui/clipboard";
import { CopyButton } from "../ui/copy-button";
import { Section } from "../ui/section";
import { DigestsSection } from "./digests-section";
import { FirewallSection } from "./firewall-section";
import { HealthCheckSection } from "./health-check-section";
import { ImagePicker } from "./image-picker";
import { KitSection } from "./kit-section";

const useStyles = makeStyles({
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

interface Kept {
  health: HealthCheckResult | null;
  digests: DigestMatrix | null;
}

const KEY = "acr-geo-console:repro:";

/** The image in the page's URL (`?repository=&tag=`), so a link reopens the same view. */
function imageFromUrl(): { repository: string; tag: string } {
  const query = new URLSearchParams(window.location.search);
  return { repository: query.get("repository") ?? "", tag: query.get("tag") ?? "" };
}

function keptFor(url: string): Kept {
  try {
    const text = window.sessionStorage.getItem(KEY + url);
    return text ? (JSON.parse(text) as Kept) : { health: null, digests: null };
  } catch {
    return { health: null, digests: null };
  }
}

/**
 * Reproduce against one replica: the image, the health check, the digest matrix, the pinning kit,
 * the network plan and the repro bundle of them all. The image lives in the URL and the last
 * results in the tab's session under that URL, so reloading or sharing the link reopens the view.
 */
export function ReproPanel({
  registryRef,
  registry,
  region,
  replicaRegions,
  samples,
  vantage,
}: {
  registryRef: RegistryRef;
  registry: Registry;
  region: string;
  replicaRegions: string[];
  samples: readonly ProbeSample[];
  vantage: string;
}) {
  const styles = useStyles();
  const [image, setImage] = useState({ repository: "", tag: "" });
  const [kept, setKept] = useState<Kept>({ health: null, digests: null });
  useEffect(() => {
    // The URL is only known in the browser.
    const fromUrl = imageFromUrl();
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setImage(fromUrl);
    setKept(keptFor(window.location.pathname + window.location.search));
  }, []);
  const imageValid = isRepositoryName(image.repository) && isTag(image.tag);

  const changeImage = (next: { repository: string; tag: string }) => {
    setImage(next);
    const url = new URL(window.location.href);
    for (const key of ["repository", "tag"] as const) {
      if (next[key]) url.searchParams.set(key, next[key]);
      else url.searchParams.delete(key);
    }
    window.history.replaceState(window.history.state, "", url);
  };
  const keep = (next: Partial<Kept>) => {
    setKept((prev) => {
      const merged = { ...prev, ...next };
      try {
        const url = window.location.pathname + window.location.search;
        window.sessionStorage.setItem(KEY + url, JSON.stringify(merged));
      } catch {
        // storage full or blocked: the page still shows the result
      }
      return merged;
    });
  };

  const endpoint =
    registry.regionalEndpoints === "Enabled"
      ? (registry.regionalEndpointHostNames.find((h) => regionOfHost(h) === region) ?? null)
      : null;
  const bundle = (): BundleInput => ({
    registryId: registry.id,
    registryName: registry.name,
    loginServer: registry.loginServer,
    region,
    endpoint,
    at: new Date().toISOString(),
    vantage,
    repository: image.repository,
    tag: image.tag,
    health: kept.health,
    digests: kept.digests,
    samples,
    link: window.location.href,
  });
  const latencies: Record<string, number | null> = {};
  for (const s of samples) latencies[s.host] = s.stats.medianMs;
  const fileBase = `${registry.name}-${region}-repro`;

  return (
    <>
      <Section
        title="Reproduce against this replica"
        id="reproduce"
        actions={
          <div className={styles.actions}>
            <Button
              appearance="primary"
              icon={<ArrowDownloadRegular />}
              onClick={() =>
                downloadText(`${fileBase}.md`, bundleMarkdown(bundle()), "text/markdown")
              }
            >
              Download repro bundle
            </Button>
            <Button
              icon={<ArrowDownloadRegular />}
              onClick={() =>
                downloadText(`${fileBase}.json`, bundleJson(bundle()), "application/json")
              }
            >
              Download as JSON
            </Button>
            <CopyButton text={bundleMarkdown(bundle())} label="Copy the repro bundle as Markdown" />
          </div>
        }
      >
        <Text>
          Choose an image. The checks run from the console&apos;s server with your own identity,
          against the endpoints ARM lists for {registry.name} in {region}. The bundle gathers them
          with the probe samples above and the commands that reproduce them from a shell.
        </Text>
        <ImagePicker
          registryRef={registryRef}
          repository={image.repository}
          tag={image.tag}
          onChange={changeImage}
        />
      </Section>
      <HealthCheckSection
        registryRef={registryRef}
        region={region}
        repository={image.repository}
        tag={image.tag}
        imageValid={imageValid}
        result={kept.health}
        onResult={(health) => keep({ health })}
      />
      <DigestsSection
        registryRef={registryRef}
        repository={image.repository}
        tag={image.tag}
        imageValid={imageValid}
        matrix={kept.digests}
        onMatrix={(digests) => keep({ digests })}
      />
      <KitSection
        registry={registry}
        region={region}
        repository={image.repository}
        tag={image.tag}
        latencies={latencies}
        vantage={vantage}
      />
      <FirewallSection registry={registry} region={region} replicaRegions={replicaRegions} />
    </>
  );
}
