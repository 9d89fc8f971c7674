import Database from 'better-sqlite3';
import type { JWK } from 'jose';
import { DEMO_USER_IDS, GraphCaller, mintToken, PhaseStats, type Persona } from './graph-caller';
import { markerOf } from './ledger';

interface Body {
  id: string;
  '@odata.etag': string;
  categories?: unknown;
  detail?: { jobTitle?: unknown; description?: unknown } | null;
}

/**
 * Every soak position of every demo user, read over the Graph API (faults must be off):
 * marker → the positions carrying it, with the user they were listed under.
 */
export async function readBack(
  origin: string,
  signingKey: JWK,
): Promise<{ byMarker: Map<string, { userId: string; body: Body }[]>; total: number }> {
  const byMarker = new Map<string, { userId: string; body: Body }[]>();
  const stats = new PhaseStats();
  let total = 0;
  for (const persona of Object.keys(DEMO_USER_IDS) as Persona[]) {
    const caller = new GraphCaller(
      origin,
      await mintToken(signingKey, origin, persona, ['User.Read']),
      stats,
    );
    let url: string | undefined = '/me/profile/positions?$top=999';
    while (url) {
      const { data }: { data: { value: Body[]; '@odata.nextLink'?: string } } =
        await caller.request<{ value: Body[]; '@odata.nextLink'?: string }>('GET', url);
      for (const body of data.value) {
        const marker = markerOf(body);
        if (!marker) continue;
        total += 1;
        const entries = byMarker.get(marker) ?? [];
        entries.push({ userId: DEMO_USER_IDS[persona], body });
        byMarker.set(marker, entries);
      }
      url = data['@odata.nextLink'];
    }
  }
  return { byMarker, total };
}

/** The same question asked of the database file itself, bypassing the API. */
export function databaseFigures(databaseFile: string): {
  soakRows: number;
  duplicateMarkers: number;
  integrity: string;
  journalMode: string;
} {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const marker = "json_extract(body, '$.detail.description')";
    const { soakRows } = db
      .prepare(`SELECT COUNT(*) AS soakRows FROM positions WHERE ${marker} LIKE 'soak:%'`)
      .get() as { soakRows: number };
    const { duplicateMarkers } = db
      .prepare(
        `SELECT COUNT(*) AS duplicateMarkers FROM (SELECT ${marker} AS m FROM positions WHERE m LIKE 'soak:%' GROUP BY m HAVING COUNT(*) > 1)`,
      )
      .get() as { duplicateMarkers: number };
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((row) => row.integrity_check)
      .join('; ');
    const journalMode = String(db.pragma('journal_mode', { simple: true }));
    return { soakRows, duplicateMarkers, integrity, journalMode };
  } finally {
    db.close();
  }
}
