/**
 * The distribution grammar (OCI distribution spec, docker/distribution `reference`): repository
 * names are lowercase path components joined by `/`, each alphanumerics separated by `.`, `_`,
 * `__` or dashes; tags are up to 128 word characters, `.` and `-`, not starting with `.` or `-`;
 * digests `sha256:` and 64 hex digits. Shared by the routes' schemas and the pages' fields.
 */
export const REPOSITORY_PATTERN =
  /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;
/** Docker's limit on the whole name. */
export const REPOSITORY_MAX_LENGTH = 255;

export function isRepositoryName(value: string): boolean {
  return value.length <= REPOSITORY_MAX_LENGTH && REPOSITORY_PATTERN.test(value);
}

export function isTag(value: string): boolean {
  return TAG_PATTERN.test(value);
}

export function isDigest(value: string): boolean {
  return DIGEST_PATTERN.test(value);
}

/** `repo:tag` or `repo@sha256:...` as a pull reference's path part. */
export function imagePath(repository: string, reference: string): string {
  return isDigest(reference) ? `${repository}@${reference}` : `${repository}:${reference}`;
}
