"use client";
import { Combobox, Field, makeStyles, Option, tokens } from "@fluentui/react-components";
import { isRepositoryName, isTag } from "@/lib/repro/names";
import { useRepositoryListing } from "@/lib/queries/registry-data";
import type { RegistryRef } from "@/lib/types";

const useStyles = makeStyles({
  root: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
  field: { minWidth: "16rem" },
});

function NameBox({
  label,
  value,
  options,
  valid,
  hint,
  onChange,
}: {
  label: string;
  value: string;
  options: string[];
  valid: boolean;
  hint: string;
  onChange: (value: string) => void;
}) {
  const styles = useStyles();
  const matching = options.filter((o) => o.startsWith(value)).slice(0, 100);
  return (
    <Field
      label={label}
      className={styles.field}
      validationState={value && !valid ? "error" : "none"}
      validationMessage={value && !valid ? hint : undefined}
    >
      <Combobox
        freeform
        value={value}
        selectedOptions={options.includes(value) ? [value] : []}
        onChange={(event) => onChange(event.target.value.trim())}
        onOptionSelect={(_, data) => onChange(data.optionValue ?? "")}
      >
        {matching.map((option) => (
          <Option key={option}>{option}</Option>
        ))}
      </Combobox>
    </Field>
  );
}

/**
 * Repository and tag: listed through the registry's catalog and tags APIs with the user's
 * identity; any name in the distribution grammar can be typed.
 */
export function ImagePicker({
  registryRef,
  repository,
  tag,
  onChange,
}: {
  registryRef: RegistryRef;
  repository: string;
  tag: string;
  onChange: (image: { repository: string; tag: string }) => void;
}) {
  const styles = useStyles();
  const repositoryOk = isRepositoryName(repository);
  const catalog = useRepositoryListing(registryRef);
  const tags = useRepositoryListing(registryRef, repository, repositoryOk);
  return (
    <div className={styles.root}>
      <NameBox
        label="Repository"
        value={repository}
        options={catalog.data?.repositories ?? []}
        valid={repositoryOk}
        hint="Lowercase letters and digits separated by '.', '_', '-' or '/'"
        onChange={(value) => onChange({ repository: value, tag })}
      />
      <NameBox
        label="Tag"
        value={tag}
        options={tags.data?.tags ?? []}
        valid={isTag(tag)}
        hint="Up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'"
        onChange={(value) => onChange({ repository, tag: value })}
      />
    </div>
  );
}
