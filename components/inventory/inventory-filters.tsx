"use client";
import { Dropdown, Field, makeStyles, Option, SearchBox, tokens } from "@fluentui/react-components";
import { memo } from "react";
import type { Subscription } from "@/lib/types";
import { SKUS, type InventoryView } from "./inventory-view";

const useStyles = makeStyles({
  root: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL, alignItems: "end" },
  text: { minWidth: "min(260px, 100%)" },
});

const ALL = "";

/**
 * Text, SKU and subscription filters of the inventory; the container keeps them in the URL.
 * Memoised: a sort, which changes none of them, leaves them alone.
 */
export const InventoryFilters = memo(function InventoryFilters({
  view,
  subscriptions,
  onChange,
}: {
  view: Pick<InventoryView, "q" | "sku" | "subscription">;
  subscriptions: Subscription[];
  onChange: (patch: Partial<InventoryView>) => void;
}) {
  const styles = useStyles();
  const selectedSub = subscriptions.find((s) => s.subscriptionId === view.subscription);
  return (
    <div className={styles.root}>
      <Field label="Filter registries" className={styles.text}>
        <SearchBox
          value={view.q}
          placeholder="Name, login server, resource group, location"
          onChange={(_, data) => onChange({ q: data.value })}
        />
      </Field>
      <Field label="SKU">
        <Dropdown
          value={view.sku ?? "All SKUs"}
          selectedOptions={[view.sku ?? ALL]}
          onOptionSelect={(_, data) =>
            onChange({ sku: SKUS.find((s) => s === data.optionValue) ?? null })
          }
        >
          <Option value={ALL}>All SKUs</Option>
          {SKUS.map((sku) => (
            <Option key={sku} value={sku}>
              {sku}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Subscription">
        <Dropdown
          value={
            view.subscription
              ? (selectedSub?.displayName ?? view.subscription)
              : "All subscriptions"
          }
          selectedOptions={[view.subscription ?? ALL]}
          onOptionSelect={(_, data) => onChange({ subscription: data.optionValue || null })}
        >
          <Option value={ALL}>All subscriptions</Option>
          {subscriptions.map((s) => (
            <Option key={s.subscriptionId} value={s.subscriptionId} text={s.displayName}>
              {s.displayName}
            </Option>
          ))}
        </Dropdown>
      </Field>
    </div>
  );
});
