"use client";
import { Field, SearchBox } from "@fluentui/react-components";
import { useRouter } from "next/navigation";
import { memo, useState } from "react";
import { registryPageUrl } from "@/lib/arm-id";
import { CLOUDS, cloudOfRegistryHost } from "@/lib/cloud";
import { lookupRegistry } from "@/lib/endpoints";
import type { Registry } from "@/lib/types";

/**
 * Jump straight to a registry: paste (or type and press Enter) its ARM resource id, or its login
 * server, which is looked up in the loaded inventory. Memoised: a sort or a filter leaves it alone.
 */
export const GoToRegistry = memo(function GoToRegistry({ registries }: { registries: Registry[] }) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [message, setMessage] = useState<string | null>(null);

  // The example login server in the registries' own cloud (azurecr.io, azurecr.us, azurecr.cn).
  const suffix =
    (registries[0] && cloudOfRegistryHost(registries[0].loginServer)?.registrySuffix) ??
    CLOUDS.AzureCloud.registrySuffix;
  const go = (value: string) => {
    const result = lookupRegistry(value, registries);
    if (result.kind === "found") {
      setMessage(null);
      router.push(registryPageUrl(result.ref));
    } else {
      setMessage(result.kind === "not-found" ? result.message : null);
    }
  };

  return (
    <Field
      label="Go to registry"
      hint="Paste an ARM resource id or a login server"
      validationMessage={message ?? undefined}
      validationState={message ? "error" : "none"}
    >
      <SearchBox
        value={text}
        placeholder={`/subscriptions/…/registries/name or name.${suffix}`}
        onChange={(_, data) => {
          setText(data.value);
          setMessage(null);
        }}
        onPaste={(event) => {
          const pasted = event.clipboardData.getData("text");
          if (pasted) {
            event.preventDefault();
            setText(pasted);
            go(pasted);
          }
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") go(text);
        }}
      />
    </Field>
  );
});
