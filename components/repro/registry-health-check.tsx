"use client";
import { useMemo, useState } from "react";
import { targetsFromRegistry } from "@/lib/probe/shared/targets";
import { isRepositoryName, isTag } from "@/lib/repro/names";
import type { HealthCheckResult } from "@/lib/repro/types";
import type { Registry, RegistryRef } from "@/lib/types";
import { HealthCheckSection } from "./health-check-section";
import { ImagePicker } from "./image-picker";

/**
 * The registry page's health check: every endpoint ARM lists (the Endpoints table's hosts, in its
 * order), each checked as its own request, optionally with an image.
 */
export function RegistryHealthCheck({
  registryRef,
  registry,
}: {
  registryRef: RegistryRef;
  registry: Registry;
}) {
  const [image, setImage] = useState({ repository: "", tag: "" });
  const [result, setResult] = useState<HealthCheckResult | null>(null);
  const hosts = useMemo(() => targetsFromRegistry(registry).map((t) => t.host), [registry]);
  return (
    <HealthCheckSection
      registryRef={registryRef}
      hosts={hosts}
      repository={image.repository}
      tag={image.tag}
      imageValid={isRepositoryName(image.repository) && isTag(image.tag)}
      result={result}
      onResult={setResult}
    >
      <ImagePicker
        registryRef={registryRef}
        repository={image.repository}
        tag={image.tag}
        onChange={setImage}
      />
    </HealthCheckSection>
  );
}
