"use client";
import { Dropdown, Field, makeStyles, Option, SearchBox, tokens } from "@fluentui/react-components";
import { ATTENTION_REASONS } from "@/lib/fleet/shared/types";
import { REASON_LABELS } from "@/lib/fleet/shared/attention";
import type { FleetView } from "@/lib/fleet/shared/view";

const useStyles = makeStyles({
  root: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL, alignItems: "end" },
  text: { minWidth: "220px" },
  drop: { minWidth: "160px" },
});

const ALL = "";

export interface FilterChoices {
  subscriptions: { id: string; name: string }[];
  resourceGroups: string[];
  regions: string[];
  states: string[];
}

function Choice({
  label,
  value,
  allLabel,
  options,
  onSelect,
}: {
  label: string;
  value: string | null;
  allLabel: string;
  options: { value: string; text: string }[];
  onSelect: (value: string | null) => void;
}) {
  const styles = useStyles();
  const selected = options.find((o) => o.value.toLowerCase() === value?.toLowerCase());
  return (
    <Field label={label}>
      <Dropdown
        className={styles.drop}
        value={value ? (selected?.text ?? value) : allLabel}
        selectedOptions={[selected?.value ?? value ?? ALL]}
        onOptionSelect={(_, data) => onSelect(data.optionValue || null)}
      >
        <Option value={ALL}>{allLabel}</Option>
        {options.map((o) => (
          <Option key={o.value} value={o.value} text={o.text}>
            {o.text}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/** The fleet page's filters; the container keeps them in the URL. */
export function FleetFilters({
  view,
  choices,
  onChange,
}: {
  view: FleetView;
  choices: FilterChoices;
  onChange: (patch: Partial<FleetView>) => void;
}) {
  const styles = useStyles();
  const plain = (values: string[]) => values.map((v) => ({ value: v, text: v }));
  return (
    <div className={styles.root}>
      <Field label="Filter registries" className={styles.text}>
        <SearchBox
          value={view.q}
          placeholder="Name, login server, resource group"
          onChange={(_, data) => onChange({ q: data.value })}
        />
      </Field>
      <Choice
        label="Subscription"
        value={view.subscription}
        allLabel="All subscriptions"
        options={choices.subscriptions.map((s) => ({ value: s.id, text: s.name }))}
        onSelect={(subscription) => onChange({ subscription })}
      />
      <Choice
        label="Resource group"
        value={view.resourceGroup}
        allLabel="All resource groups"
        options={plain(choices.resourceGroups)}
        onSelect={(resourceGroup) => onChange({ resourceGroup })}
      />
      <Choice
        label="Region"
        value={view.region}
        allLabel="All regions"
        options={plain(choices.regions)}
        onSelect={(region) => onChange({ region })}
      />
      <Choice
        label="SKU"
        value={view.sku}
        allLabel="All SKUs"
        options={plain(["Basic", "Standard", "Premium"])}
        onSelect={(sku) => onChange({ sku: (sku as FleetView["sku"]) ?? null })}
      />
      <Choice
        label="State"
        value={view.state}
        allLabel="All states"
        options={plain(choices.states)}
        onSelect={(state) => onChange({ state })}
      />
      <Choice
        label="Reason"
        value={view.reason}
        allLabel="All reasons"
        options={ATTENTION_REASONS.map((r) => ({ value: r, text: REASON_LABELS[r] }))}
        onSelect={(reason) => onChange({ reason: (reason as FleetView["reason"]) ?? null })}
      />
    </div>
  );
}
