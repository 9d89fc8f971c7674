/**
 * The address's query as plain text: `?q=123` is the text "123", not a number, and no
 * value is written as JSON. The app's only search value is what someone typed, so it
 * goes into the address as typed and comes back the same.
 */
export function parseSearch(search: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(search)) values[name] ??= value;
  return values;
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) {
    if (typeof value === 'string') params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
