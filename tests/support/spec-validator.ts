import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import Ajv2019, { type ValidateFunction } from "ajv/dist/2019";
import addFormats from "ajv-formats";

/*
 * Validators for the official Microsoft.ContainerRegistry spec (2026-01-01-preview, in
 * ../shared/specs) and the common types it refers to. Objects the spec defines may not carry
 * properties it does not define.
 */

/** The spec's folder (holding containerregistry/ and common-types/); `ACR_SPECS_DIR` overrides it. */
export const SPECS = resolve(process.cwd(), process.env.ACR_SPECS_DIR ?? "../shared/specs");
const ENTRY = join(SPECS, "containerregistry/2026-01-01-preview/containerregistry.json");

/** Whether the spec is there: without it, validation against it is skipped, saying so. */
export const SPEC_PRESENT = existsSync(ENTRY);

/** Why validation against the spec was skipped, and how to run it. */
export const SPEC_MISSING =
  `the official spec is not at ${ENTRY}. To validate against it, put the ` +
  "Microsoft.ContainerRegistry spec folder (containerregistry/ and common-types/) beside the " +
  "project as ../shared/specs, or set ACR_SPECS_DIR to it.";

type Json = Record<string, unknown>;

/** Absolute ids, so that refs between files resolve the same whatever file they sit in. */
function specId(file: string): string {
  return `https://specs.invalid/${relative(SPECS, file).replace(/\\/g, "/")}`;
}

/** Each spec file's definitions under an id that is its path below specs/, refs rewritten to match. */
function loadDefinitions(): Map<string, Json> {
  const files = new Map<string, Json>();
  const pending = [ENTRY];
  const idOf = specId;
  const resolveFile = (from: string, ref: string) => {
    // Refs climb to the spec repository's root; here common-types sits right below specs/.
    const common = ref.indexOf("common-types/");
    return common >= 0 ? join(SPECS, ref.slice(common)) : resolve(dirname(from), ref);
  };
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(idOf(file))) continue;
    const doc = JSON.parse(readFileSync(file, "utf8")) as Json;
    const rewrite = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (typeof node !== "object" || node === null) return node;
      const out: Json = {};
      for (const [key, value] of Object.entries(node as Json)) {
        if (key === "$ref" && typeof value === "string") {
          const [path, pointer = ""] = value.split("#");
          const target = path ? resolveFile(file, path) : file;
          if (path) pending.push(target);
          out.$ref = `${idOf(target)}#${pointer}`;
        } else if (!key.startsWith("x-ms-") && key !== "discriminator" && key !== "example") {
          out[key] = rewrite(value);
        }
      }
      return out;
    };
    files.set(idOf(file), { definitions: rewrite(doc.definitions ?? {}) });
  }
  return files;
}

/** Definitions that other definitions extend through allOf keep their objects open. */
function closeObjects(files: Map<string, Json>): void {
  const bases = new Set<string>();
  const findBases = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(findBases);
    if (typeof node !== "object" || node === null) return;
    const n = node as Json;
    if (Array.isArray(n.allOf)) {
      for (const part of n.allOf as Json[]) if (typeof part.$ref === "string") bases.add(part.$ref);
    }
    Object.values(n).forEach(findBases);
  };
  files.forEach((doc) => findBases(doc));
  for (const [id, doc] of files) {
    for (const [name, def] of Object.entries(doc.definitions as Record<string, Json>)) {
      if (def.properties && !bases.has(`${id}#/definitions/${name}`))
        def.unevaluatedProperties = false;
    }
  }
}

/** Validators of the named definitions of the spec's entry file. */
export function specValidators(names: string[]): Record<string, ValidateFunction> {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const f of ["arm-id", "password"]) ajv.addFormat(f, true);
  for (const f of ["int32", "int64", "double", "float"])
    ajv.addFormat(f, { type: "number", validate: () => true });
  const files = loadDefinitions();
  closeObjects(files);
  for (const [id, doc] of files) ajv.addSchema({ $id: id, ...doc });
  const entryId = specId(ENTRY);
  return Object.fromEntries(
    names.map((name) => [name, ajv.getSchema(`${entryId}#/definitions/${name}`)!]),
  );
}
