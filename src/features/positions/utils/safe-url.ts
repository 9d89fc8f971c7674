/**
 * A web address we may render as a link: absolute http(s) only. Anything else
 * (javascript:, data:, relative paths) is shown as plain text, never as a link.
 */
export function safeWebUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname
      ? url.href
      : undefined;
  } catch {
    return undefined;
  }
}
