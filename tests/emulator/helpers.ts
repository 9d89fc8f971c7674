import { expect } from 'vitest';
import { SqlitePositionsStore, type StoredPosition } from '../../emulator/store/positions-store.js';
import { DEMO_PEOPLE } from '../support/demo-people';
import { graphTimestamp } from '../../emulator/model/timestamp.js';
import { DEMO_USER_IDS, type EmulatorHarness, type Persona } from './harness';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Graph's `innerError.date`: UTC to the second, no zone suffix. */
export const INNER_ERROR_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
/** A timestamp the emulator writes: UTC, seven fractional digits, as in Microsoft's examples. */
export const GRAPH_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/;

const people = Object.entries(DEMO_PEOPLE) as [Persona, (typeof DEMO_PEOPLE)[Persona]][];
export const UPN = Object.fromEntries(
  people.map(([persona, person]) => [persona, person.userPrincipalName]),
) as Record<Persona, string>;
export const DISPLAY_NAME = Object.fromEntries(
  people.map(([persona, person]) => [persona, person.displayName]),
) as Record<Persona, string>;

export const ids = DEMO_USER_IDS;

/** Direct access to the emulator's stored positions: the ground truth for "nothing changed". */
export function store(emulator: EmulatorHarness): SqlitePositionsStore {
  return new SqlitePositionsStore(emulator.stack.db);
}

/** Everything stored for one user (bodies and etags), as plain JSON for deep comparison. */
export function snapshot(emulator: EmulatorHarness, userId: string): StoredPosition[] {
  return JSON.parse(JSON.stringify(store(emulator).list(userId))) as StoredPosition[];
}

/** Snapshot of every user's positions. */
export function snapshotAll(emulator: EmulatorHarness): Record<string, StoredPosition[]> {
  return Object.fromEntries(Object.values(DEMO_USER_IDS).map((id) => [id, snapshot(emulator, id)]));
}

/** Adds a position straight into the store (no HTTP), shaped as the emulator stores one. */
export function seedPosition(
  emulator: EmulatorHarness,
  userId: string,
  jobTitle: string,
  extra: Record<string, unknown> = {},
): StoredPosition {
  const by = { user: null, application: { id: null, displayName: 'Test setup' }, device: null };
  const now = graphTimestamp();
  return store(emulator).create(userId, () => ({
    allowedAudiences: 'organization',
    categories: [],
    colleagues: [],
    detail: {
      company: null,
      description: null,
      employeeId: null,
      employeeType: null,
      endMonthYear: null,
      jobTitle,
      layer: null,
      level: null,
      role: null,
      secondaryJobTitle: null,
      secondaryRole: null,
      startMonthYear: '2020-01-01',
      summary: null,
    },
    inference: null,
    isCurrent: true,
    isSearchable: null,
    manager: null,
    createdBy: by,
    createdDateTime: now,
    lastModifiedBy: by,
    lastModifiedDateTime: now,
    source: { type: ['Test'] },
    ...extra,
  }));
}

export interface GraphErrorBody {
  code: string;
  message: string;
  target?: string;
  details?: { code: string; message: string; target?: string }[];
  innerError: { date: string; 'request-id': string; 'client-request-id': string };
}

/**
 * Asserts a Graph error response: status, `code` (null: any), Graph's error shape with innerError
 * (date, request-id matching the header, client-request-id), JSON content type, and
 * optionally that the message names each of `mentions`. Returns the `error` object.
 */
export async function expectGraphError(
  response: Response,
  status: number,
  code: string | null,
  options: {
    mentions?: (string | RegExp)[];
    clientRequestId?: string;
    /** Users report some errors with an empty message; the emulator can answer so (faults.ts). */
    emptyMessage?: boolean;
  } = {},
): Promise<GraphErrorBody> {
  const text = await response.text();
  expect(response.status, `status (body: ${text})`).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const requestId = response.headers.get('request-id');
  expect(requestId).toMatch(UUID);
  const body = JSON.parse(text) as { error: GraphErrorBody };
  expect(Object.keys(body)).toEqual(['error']);
  if (code !== null) expect(body.error.code).toBe(code);
  else expect(typeof body.error.code).toBe('string');
  expect(typeof body.error.message).toBe('string');
  const { innerError } = body.error;
  expect(innerError.date).toMatch(INNER_ERROR_DATE);
  expect(innerError['request-id']).toBe(requestId);
  expect(innerError['client-request-id']).toBe(
    options.clientRequestId ?? response.headers.get('client-request-id'),
  );
  if (options.emptyMessage) expect(body.error.message).toBe('');
  else expect(body.error.message.length).toBeGreaterThan(0);
  for (const mention of options.mentions ?? []) {
    if (typeof mention === 'string') expect(body.error.message).toContain(mention);
    else expect(body.error.message).toMatch(mention);
  }
  return body.error;
}

/** A JSON object as a test reads it: any member, each unknown until checked or cast. */
export type Json = Record<string, unknown>;

/** A response's JSON body, as an object whose members are unknown. */
export async function jsonOf(response: Response): Promise<Json> {
  return (await response.json()) as Json;
}

/** A list answer: `value` and the annotations. */
export interface ListJson {
  '@odata.context': string;
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: Json[];
}

export async function listOf(response: Response): Promise<ListJson> {
  return (await response.json()) as ListJson;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Follows `@odata.nextLink` exactly as given until there is none; returns every page. */
export async function followPages(
  emulator: EmulatorHarness,
  persona: Persona,
  scopes: string[],
  firstPath: string,
): Promise<{ pages: Record<string, unknown>[][]; links: string[] }> {
  const pages: Record<string, unknown>[][] = [];
  const links: string[] = [];
  let url: string | undefined = `${emulator.baseUrl}${firstPath}`;
  while (url) {
    const response: Response = await fetch(url, {
      headers: { Authorization: `Bearer ${await emulator.token(persona, scopes)}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      value: Record<string, unknown>[];
      '@odata.nextLink'?: string;
    };
    pages.push(body.value);
    url = body['@odata.nextLink'];
    if (url) links.push(url);
    if (pages.length > 500) throw new Error('nextLink paging does not end');
  }
  return { pages, links };
}
