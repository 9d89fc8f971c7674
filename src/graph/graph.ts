import type { GraphClient } from './client';

let current: GraphClient | undefined;

/** Set once at start-up (or by a test) before any query runs. */
export function setGraphClient(client: GraphClient): void {
  current = client;
}

/** The page's Graph client, for query and mutation functions. */
export function graph(): GraphClient {
  if (!current) throw new Error('The Graph client is used before start-up configured it.');
  return current;
}
