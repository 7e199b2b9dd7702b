"use client";
import { useState } from "react";
import { isRepositoryName, isTag } from "@/lib/repro/names";
import type { HealthCheckResult } from "@/lib/repro/types";
import type { RegistryRef } from "@/lib/types";
import { HealthCheckSection } from "./health-check-section";
import { ImagePicker } from "./image-picker";

/** The registry page's health check: every endpoint ARM lists, optionally with an image. */
export function RegistryHealthCheck({ registryRef }: { registryRef: RegistryRef }) {
  const [image, setImage] = useState({ repository: "", tag: "" });
  const [result, setResult] = useState<HealthCheckResult | null>(null);
  return (
    <HealthCheckSection
      registryRef={registryRef}
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
