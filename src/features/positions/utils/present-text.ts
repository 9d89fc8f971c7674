/** Graph's text with an empty string counted as absent (real tenants send "" for "not set"). */
export function presentText(value: string | null | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return value;
}
