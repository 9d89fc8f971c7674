import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHarness } from './harness';
import { expectGraphError, ids, snapshotAll, store } from './helpers';

/**
 * Bad inputs: each is refused with 400, a `code` and a message naming the problem, in
 * Graph's error shape, and leaves stored data exactly as it was (re-read and compared).
 */

let emulator: EmulatorHarness;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

/** Microsoft's request body from graph-beta-update-workposition.md, byte for byte (trailing comma and all). */
const MICROSOFT_EXAMPLE = ` {
  "categories": [],
  "allowedAudiences": "organization",
  "detail": {
      "description": null,
      "endMonthYear": null,
      "jobTitle": "Auditor",
      "startMonthYear": "2001-01-01",
      "summary": null,
      "company": {
          "displayName": "Contoso Ltd.",
          "pronunciation": null,
          "department": "Finance",
          "officeLocation": "12/1110",
          "webUrl": null,
          "address": {
              "type": "business",
              "postOfficeBox": null,
              "street": "30 Isabella St., Second Floor",
              "city": "Pittsburgh",
              "state": "PA",
              "countryOrRegion": "US",
              "postalCode": "15212"
          }
      }
  },
  "manager": null,
  "colleagues": [],
  "isCurrent": "True",
}
`;
/** The same without the trailing comma: valid JSON, but isCurrent is the string "True". */
const MICROSOFT_EXAMPLE_NO_COMMA = MICROSOFT_EXAMPLE.replace(
  '"isCurrent": "True",\n}',
  '"isCurrent": "True"\n}',
);

type Method = 'POST' | 'PATCH';
type Code = 'BadRequest' | 'invalidRequest';

interface BadWrite {
  name: string;
  /** Defaults to both. */
  methods?: Method[];
  /** A JSON value: sent as is to PATCH; for POST an object without `detail` gets a valid one added. */
  body?: unknown;
  /** Sent byte for byte instead of `body`. */
  raw?: string | (() => BodyInit);
  /** `null` sends no Content-Type at all. */
  contentType?: string | null;
  query?: string;
  /** PATCH target: the job title of one of Adele's seeded positions (default Auditor, a current position). */
  target?: string;
  code: Code;
  mentions: (string | RegExp)[];
}

const long = (length: number) => 'x'.repeat(length);
const detail = (extra: Record<string, unknown>) => ({
  detail: { jobTitle: 'Valid Title', ...extra },
});
const company = (extra: Record<string, unknown>) =>
  detail({ company: { displayName: 'Contoso', ...extra } });
const address = (extra: Record<string, unknown>) =>
  company({ address: { city: 'Pittsburgh', ...extra } });
const BIG = JSON.stringify(detail({ description: long(70_000) }));

const BAD_WRITES: BadWrite[] = [
  // Not JSON, or not an object
  {
    name: "Microsoft's example body verbatim (trailing comma)",
    raw: MICROSOFT_EXAMPLE,
    code: 'BadRequest',
    mentions: ['not valid JSON', 'trailing comma'],
  },
  {
    name: 'Microsoft\'s example without the comma (isCurrent is the string "True")',
    raw: MICROSOFT_EXAMPLE_NO_COMMA,
    code: 'invalidRequest',
    mentions: ["'isCurrent'", 'Boolean', '"True"'],
  },
  {
    name: 'truncated JSON',
    raw: '{"detail": {"jobTitle": "Auditor"}',
    code: 'BadRequest',
    mentions: ['not valid JSON'],
  },
  {
    name: 'single-quoted JSON',
    raw: "{'isCurrent': true}",
    code: 'BadRequest',
    mentions: ['not valid JSON'],
  },
  {
    name: 'unquoted property names',
    raw: '{isCurrent: true}',
    code: 'BadRequest',
    mentions: ['not valid JSON'],
  },
  {
    name: 'a comment in the JSON',
    raw: '{"isCurrent": true /* current */}',
    code: 'BadRequest',
    mentions: ['not valid JSON'],
  },
  {
    name: 'NaN as a number',
    raw: '{"detail": {"jobTitle": "x", "layer": NaN}}',
    code: 'BadRequest',
    mentions: ['not valid JSON'],
  },
  {
    name: 'two JSON objects back to back',
    raw: '{"isCurrent": true}{"isCurrent": false}',
    code: 'BadRequest',
    mentions: ['not valid JSON'],
  },
  { name: 'an empty body', raw: '', code: 'BadRequest', mentions: ['empty'] },
  { name: 'a whitespace-only body', raw: ' \n\t ', code: 'BadRequest', mentions: ['empty'] },
  {
    name: 'a JSON array body',
    body: [{ isCurrent: true }],
    code: 'invalidRequest',
    mentions: ['JSON object'],
  },
  {
    name: 'a JSON string body',
    body: 'Auditor',
    code: 'invalidRequest',
    mentions: ['JSON object'],
  },
  { name: 'a JSON number body', body: 42, code: 'invalidRequest', mentions: ['JSON object'] },
  { name: 'a JSON null body', body: null, code: 'invalidRequest', mentions: ['JSON object'] },
  // Unknown properties
  {
    name: 'an unknown top-level property',
    body: { isCurrent: true, foo: 1 },
    code: 'invalidRequest',
    mentions: ["'foo'", 'does not exist'],
  },
  {
    name: 'a property name in the wrong letter case',
    body: { IsCurrent: true },
    code: 'invalidRequest',
    mentions: ["'IsCurrent'", 'does not exist'],
  },
  {
    name: 'a __proto__ property',
    body: JSON.parse('{"__proto__": {"isCurrent": true}}'),
    code: 'invalidRequest',
    mentions: ["'__proto__'", 'does not exist'],
  },
  {
    name: 'an unknown nested property (detail.foo)',
    body: detail({ foo: 'bar' }),
    code: 'invalidRequest',
    mentions: ["'detail.foo'", 'does not exist'],
  },
  {
    name: 'an unknown nested property (detail.company.address.zip)',
    body: address({ zip: '15212' }),
    code: 'invalidRequest',
    mentions: ["'detail.company.address.zip'"],
  },
  {
    name: 'an unknown member of manager',
    body: { manager: { displayName: 'Megan', email: 'megan@contoso.com' } },
    code: 'invalidRequest',
    mentions: ["'manager.email'"],
  },
  // Server-set properties and annotations
  {
    name: 'read-only id',
    body: { id: '00000000-0000-4000-8000-000000000000', isCurrent: true },
    code: 'invalidRequest',
    mentions: ["'id'", 'read-only'],
  },
  {
    name: 'read-only createdDateTime',
    body: { createdDateTime: '2020-01-01T00:00:00Z' },
    code: 'invalidRequest',
    mentions: ["'createdDateTime'", 'read-only'],
  },
  {
    name: 'read-only createdBy',
    body: { createdBy: { user: { id: ids.megan, displayName: 'Megan' } } },
    code: 'invalidRequest',
    mentions: ["'createdBy'", 'read-only'],
  },
  {
    name: 'read-only lastModifiedBy',
    body: { lastModifiedBy: null },
    code: 'invalidRequest',
    mentions: ["'lastModifiedBy'", 'read-only'],
  },
  {
    name: 'read-only lastModifiedDateTime',
    body: { lastModifiedDateTime: '2020-01-01T00:00:00Z' },
    code: 'invalidRequest',
    mentions: ["'lastModifiedDateTime'", 'read-only'],
  },
  {
    // Settable on create ("Create workPosition" lists it), not on update.
    name: 'read-only source',
    methods: ['PATCH'],
    body: { source: { type: ['User'] } },
    code: 'invalidRequest',
    mentions: ["'source'", 'read-only'],
  },
  {
    name: 'source.type a string',
    methods: ['POST'],
    body: { source: { type: 'UPA' } },
    code: 'invalidRequest',
    mentions: ["'source.type'", 'array'],
  },
  {
    name: 'an unknown member of source',
    methods: ['POST'],
    body: { source: { kind: ['UPA'] } },
    code: 'invalidRequest',
    mentions: ["'source.kind'", 'does not exist'],
  },
  {
    name: '@odata.etag in the body',
    body: { '@odata.etag': 'W/"abc"', isCurrent: true },
    code: 'invalidRequest',
    mentions: ["'@odata.etag'", 'If-Match'],
  },
  {
    name: '@odata.context in the body',
    body: { '@odata.context': 'https://graph.microsoft.com/beta/$metadata#x', isCurrent: true },
    code: 'invalidRequest',
    mentions: ["'@odata.context'"],
  },
  {
    name: 'a wrong @odata.type',
    body: { '@odata.type': '#microsoft.graph.educationalActivity', isCurrent: true },
    code: 'invalidRequest',
    mentions: ["'@odata.type'", 'educationalActivity'],
  },
  // Enumerations
  {
    name: "allowedAudiences 'friends'",
    body: { allowedAudiences: 'friends' },
    code: 'invalidRequest',
    mentions: ["'allowedAudiences'", 'friends'],
  },
  {
    name: "allowedAudiences 'unknownFutureValue'",
    body: { allowedAudiences: 'unknownFutureValue' },
    code: 'invalidRequest',
    mentions: ["'allowedAudiences'", 'unknownFutureValue'],
  },
  {
    name: 'allowedAudiences combining unknownFutureValue',
    body: { allowedAudiences: 'organization,unknownFutureValue' },
    code: 'invalidRequest',
    mentions: ["'allowedAudiences'", 'organization,unknownFutureValue'],
  },
  {
    name: 'allowedAudiences combined with a space after the comma',
    body: { allowedAudiences: 'organization, federatedOrganizations' },
    code: 'invalidRequest',
    mentions: ["'allowedAudiences'", 'without spaces'],
  },
  {
    name: 'allowedAudiences naming a member twice',
    body: { allowedAudiences: 'organization,organization' },
    code: 'invalidRequest',
    mentions: ["'allowedAudiences'"],
  },
  {
    name: 'allowedAudiences with a trailing comma',
    body: { allowedAudiences: 'organization,' },
    code: 'invalidRequest',
    mentions: ["'allowedAudiences'"],
  },
  {
    name: 'allowedAudiences in the wrong case',
    body: { allowedAudiences: 'Organization' },
    code: 'invalidRequest',
    mentions: ["'allowedAudiences'", 'Organization'],
  },
  {
    name: 'allowedAudiences null',
    body: { allowedAudiences: null },
    code: 'invalidRequest',
    mentions: ["'allowedAudiences'", 'null'],
  },
  {
    name: "address type 'work'",
    body: address({ type: 'work' }),
    code: 'invalidRequest',
    mentions: ["'detail.company.address.type'", 'work'],
  },
  {
    name: "manager relationship 'boss'",
    body: { manager: { displayName: 'Megan', relationship: 'boss' } },
    code: 'invalidRequest',
    mentions: ["'manager.relationship'", 'boss'],
  },
  {
    name: "colleague relationship 'unknownFutureValue'",
    body: { colleagues: [{ displayName: 'Lee', relationship: 'unknownFutureValue' }] },
    code: 'invalidRequest',
    mentions: ["'colleagues[0].relationship'"],
  },
  // Dates that are not Edm.Date (YYYY-MM-DD)
  {
    name: "startMonthYear '2001-01'",
    body: detail({ startMonthYear: '2001-01' }),
    code: 'invalidRequest',
    mentions: ["'detail.startMonthYear'", 'YYYY-MM-DD'],
  },
  {
    name: "startMonthYear '2001-13-01'",
    body: detail({ startMonthYear: '2001-13-01' }),
    code: 'invalidRequest',
    mentions: ["'detail.startMonthYear'", '2001-13-01'],
  },
  {
    name: "startMonthYear '2001-02-30'",
    body: detail({ startMonthYear: '2001-02-30' }),
    code: 'invalidRequest',
    mentions: ["'detail.startMonthYear'", '2001-02-30'],
  },
  {
    name: "startMonthYear '01/01/2001'",
    body: detail({ startMonthYear: '01/01/2001' }),
    code: 'invalidRequest',
    mentions: ["'detail.startMonthYear'", 'YYYY-MM-DD'],
  },
  {
    name: 'startMonthYear the number 20010101',
    body: detail({ startMonthYear: 20010101 }),
    code: 'invalidRequest',
    mentions: ["'detail.startMonthYear'", '20010101'],
  },
  {
    name: "startMonthYear '0000-01-01' (before the first year)",
    body: detail({ startMonthYear: '0000-01-01' }),
    code: 'invalidRequest',
    mentions: ["'detail.startMonthYear'", '0000-01-01'],
  },
  {
    name: 'endMonthYear a date-time',
    body: detail({ endMonthYear: '2001-01-01T00:00:00Z' }),
    code: 'invalidRequest',
    mentions: ["'detail.endMonthYear'", 'YYYY-MM-DD'],
  },
  // Wrong types
  {
    name: 'jobTitle a number',
    body: detail({ jobTitle: 42 }),
    code: 'invalidRequest',
    mentions: ["'detail.jobTitle'", 'string'],
  },
  {
    name: 'categories a string',
    body: { categories: 'audit' },
    code: 'invalidRequest',
    mentions: ["'categories'", 'array'],
  },
  {
    name: 'categories with a number item',
    body: { categories: ['audit', 7] },
    code: 'invalidRequest',
    mentions: ["'categories[1]'", 'string'],
  },
  {
    name: 'categories with a null item',
    body: { categories: ['audit', null] },
    code: 'invalidRequest',
    mentions: ["'categories'", 'null'],
  },
  {
    name: 'detail an array',
    body: { detail: [{ jobTitle: 'Auditor' }] },
    code: 'invalidRequest',
    mentions: ["'detail'", 'object'],
  },
  {
    name: 'detail null',
    body: { detail: null },
    code: 'invalidRequest',
    mentions: ["'detail'", 'null'],
  },
  {
    name: 'layer 1.5',
    body: detail({ layer: 1.5 }),
    code: 'invalidRequest',
    mentions: ["'detail.layer'", 'integer'],
  },
  {
    name: "layer the string '3'",
    body: detail({ layer: '3' }),
    code: 'invalidRequest',
    mentions: ["'detail.layer'", 'integer'],
  },
  {
    name: 'layer beyond 32 bits',
    body: detail({ layer: 2 ** 31 }),
    code: 'invalidRequest',
    mentions: ["'detail.layer'", '32-bit'],
  },
  {
    name: 'colleagues an object',
    body: { colleagues: { displayName: 'Lee Gu' } },
    code: 'invalidRequest',
    mentions: ["'colleagues'", 'array'],
  },
  {
    name: 'manager a string',
    body: { manager: 'Megan Bowen' },
    code: 'invalidRequest',
    mentions: ["'manager'", 'object'],
  },
  {
    name: 'isCurrent the string "True" on its own',
    body: { isCurrent: 'True' },
    code: 'invalidRequest',
    mentions: ["'isCurrent'", 'Boolean'],
  },
  {
    name: 'isSearchable the number 1',
    body: { isSearchable: 1 },
    code: 'invalidRequest',
    mentions: ["'isSearchable'", 'Boolean'],
  },
  {
    name: 'inference.confidenceScore a string',
    body: { inference: { confidenceScore: 'high' } },
    code: 'invalidRequest',
    mentions: ["'inference.confidenceScore'", 'number'],
  },
  {
    name: 'company a string',
    body: detail({ company: 'Contoso' }),
    code: 'invalidRequest',
    mentions: ["'detail.company'", 'object'],
  },
  // Null collections
  {
    name: 'categories null',
    body: { categories: null },
    code: 'invalidRequest',
    mentions: ["'categories'", 'cannot be null'],
  },
  {
    name: 'colleagues null',
    body: { colleagues: null },
    code: 'invalidRequest',
    mentions: ["'colleagues'", 'cannot be null'],
  },
  // Over the limits
  {
    name: 'jobTitle of 129 characters',
    body: detail({ jobTitle: long(129) }),
    code: 'invalidRequest',
    mentions: ["'detail.jobTitle'", '129', '128'],
  },
  {
    name: 'more than 50 categories',
    body: { categories: Array.from({ length: 51 }, (_, index) => `c${index}`) },
    code: 'invalidRequest',
    mentions: ["'categories'", '51', '50'],
  },
  {
    name: 'a category of 101 characters',
    body: { categories: [long(101)] },
    code: 'invalidRequest',
    mentions: ["'categories[0]'", '101'],
  },
  {
    name: 'company displayName of 257 characters',
    body: company({ displayName: long(257) }),
    code: 'invalidRequest',
    mentions: ["'detail.company.displayName'", '257'],
  },
  // Values that contradict each other, or a required one missing
  {
    name: 'endMonthYear before startMonthYear',
    body: detail({ startMonthYear: '2010-05-01', endMonthYear: '2009-01-01' }),
    code: 'invalidRequest',
    mentions: ["'detail.endMonthYear'", 'before', '2010-05-01'],
  },
  {
    name: 'isCurrent true with an endMonthYear',
    body: {
      isCurrent: true,
      ...detail({ startMonthYear: '2001-01-01', endMonthYear: '2002-01-01' }),
    },
    code: 'invalidRequest',
    mentions: ['isCurrent', "'detail.endMonthYear'"],
  },
  {
    name: 'an empty jobTitle',
    body: detail({ jobTitle: '' }),
    code: 'invalidRequest',
    mentions: ["'detail.jobTitle'", 'empty'],
  },
  {
    name: 'a whitespace-only jobTitle',
    body: detail({ jobTitle: '   ' }),
    code: 'invalidRequest',
    mentions: ["'detail.jobTitle'", 'empty'],
  },
  {
    name: 'jobTitle null',
    body: detail({ jobTitle: null }),
    code: 'invalidRequest',
    mentions: ["'detail.jobTitle'", 'required'],
  },
  {
    name: 'a detail without jobTitle (it replaces wholesale)',
    body: { detail: { company: { displayName: 'Contoso' } } },
    code: 'invalidRequest',
    mentions: ["'detail.jobTitle'", 'required'],
  },
  {
    name: 'create without detail',
    methods: ['POST'],
    raw: '{"isCurrent": true, "categories": ["x"]}',
    code: 'invalidRequest',
    mentions: ["'detail'", 'required'],
  },
  {
    name: 'an empty PATCH body {}',
    methods: ['PATCH'],
    body: {},
    code: 'invalidRequest',
    mentions: ['names no property'],
  },
  {
    name: 'a PATCH body with only @odata.type',
    methods: ['PATCH'],
    body: { '@odata.type': '#microsoft.graph.workPosition' },
    code: 'invalidRequest',
    mentions: ['names no property'],
  },
  // The request around the body
  { name: 'a body over 64 KB', raw: BIG, code: 'BadRequest', mentions: ['65536'] },
  {
    name: 'a body over 64 KB sent in chunks without Content-Length',
    raw: () =>
      new ReadableStream({
        start(controller) {
          const bytes = new TextEncoder().encode(BIG);
          for (let offset = 0; offset < bytes.length; offset += 8192)
            controller.enqueue(bytes.slice(offset, offset + 8192));
          controller.close();
        },
      }),
    code: 'BadRequest',
    mentions: ['65536'],
  },
  {
    name: 'Content-Type text/plain',
    body: { isCurrent: true },
    contentType: 'text/plain',
    code: 'BadRequest',
    mentions: ["'text/plain'", 'application/json'],
  },
  {
    name: 'Content-Type application/x-www-form-urlencoded',
    raw: 'isCurrent=true',
    contentType: 'application/x-www-form-urlencoded',
    code: 'BadRequest',
    mentions: ['application/x-www-form-urlencoded'],
  },
  {
    name: 'no Content-Type',
    body: { isCurrent: true },
    contentType: null,
    code: 'BadRequest',
    mentions: ['Content-Type'],
  },
  {
    name: 'charset iso-8859-1',
    body: { isCurrent: true },
    contentType: 'application/json; charset=iso-8859-1',
    code: 'BadRequest',
    mentions: ['iso-8859-1', 'UTF-8'],
  },
  {
    name: 'an unknown $ query option ($expand)',
    body: { isCurrent: true },
    query: '$expand=manager',
    code: 'BadRequest',
    mentions: ["'$expand'"],
  },
  {
    name: '$select on a write',
    body: { isCurrent: true },
    query: '$select=id',
    code: 'BadRequest',
    mentions: ["'$select'"],
  },
];

/** Bad query options on GET of the list; nothing may change either. */
const BAD_LIST_QUERIES: { name: string; query: string; mentions: string[] }[] = [
  { name: 'an unknown $ option ($expand)', query: '$expand=detail', mentions: ["'$expand'"] },
  { name: '$count on positions', query: '$count=true', mentions: ["'$count'"] },
  { name: '$search on positions', query: '$search="Auditor"', mentions: ["'$search'"] },
  { name: '$top=0', query: '$top=0', mentions: ["'$top'", "'0'"] },
  { name: '$top=-1', query: '$top=-1', mentions: ["'$top'", "'-1'"] },
  { name: '$top=abc', query: '$top=abc', mentions: ["'$top'", "'abc'"] },
  { name: '$top=1000 (over the maximum)', query: '$top=1000', mentions: ["'$top'", '999'] },
  { name: '$top given twice', query: '$top=1&$top=2', mentions: ["'$top'", 'more than once'] },
  { name: '$skip=-1', query: '$skip=-1', mentions: ["'$skip'", "'-1'"] },
  { name: '$skip=1.5', query: '$skip=1.5', mentions: ["'$skip'", "'1.5'"] },
  { name: '$orderby an unknown property', query: '$orderby=salary', mentions: ["'salary'"] },
  {
    name: '$orderby with a bad direction',
    query: '$orderby=detail/jobTitle%20sideways',
    mentions: ["'detail/jobTitle sideways'"],
  },
  {
    name: '$select an unknown property',
    query: '$select=salary',
    mentions: ["'salary'", 'workPosition'],
  },
  {
    name: '$select a nested path',
    query: '$select=detail/jobTitle',
    mentions: ["'detail/jobTitle'"],
  },
  {
    name: '$filter with an unsupported operator',
    query: `$filter=${encodeURIComponent("detail/jobTitle gt 'A'")}`,
    mentions: ["detail/jobTitle gt 'A'"],
  },
  {
    name: '$filter on a property that cannot be filtered',
    query: `$filter=${encodeURIComponent("categories eq 'x'")}`,
    mentions: ["'categories'"],
  },
  {
    name: '$filter with an unquoted string',
    query: `$filter=${encodeURIComponent('detail/jobTitle eq Auditor')}`,
    mentions: ["'Auditor'"],
  },
];

const CLIENT_REQUEST_ID = 'bad-input-check';

function postBody(body: unknown): unknown {
  if (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    !Object.hasOwn(body, 'detail')
  ) {
    return { detail: { jobTitle: 'Valid Title' }, ...body };
  }
  return body;
}

async function send(testCase: BadWrite, method: Method, path: string): Promise<Response> {
  const headers: Record<string, string> = { 'client-request-id': CLIENT_REQUEST_ID };
  let body: BodyInit;
  if (testCase.raw !== undefined)
    body = typeof testCase.raw === 'function' ? testCase.raw() : testCase.raw;
  else body = JSON.stringify(method === 'POST' ? postBody(testCase.body) : testCase.body);
  if (testCase.contentType === null) {
    // fetch labels a string body text/plain; bytes go without a Content-Type.
    if (typeof body !== 'string') throw new Error('A case without Content-Type needs a text body.');
    body = new TextEncoder().encode(body);
  } else {
    headers['Content-Type'] = testCase.contentType ?? 'application/json';
  }
  const url = `${path}${testCase.query ? `?${testCase.query}` : ''}`;
  const init = {
    method,
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit;
  return emulator.call('adele', ['User.ReadWrite'], url, init);
}

async function readList(): Promise<unknown> {
  const response = await emulator.call('adele', ['User.Read'], '/me/profile/positions');
  expect(response.status).toBe(200);
  return response.json();
}

const writeCases = BAD_WRITES.flatMap((testCase) =>
  (testCase.methods ?? ['PATCH', 'POST']).map(
    (method) => [`${method}: ${testCase.name}`, method, testCase] as const,
  ),
);

describe('bad inputs to PATCH and POST', () => {
  it('has at least 30 distinct bad inputs, each named once', () => {
    const names = [
      ...BAD_WRITES.map((testCase) => testCase.name),
      ...BAD_LIST_QUERIES.map((testCase) => `GET ${testCase.name}`),
    ];
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(30);
  });

  it.each(writeCases)('%s', async (_name, method, testCase) => {
    const target = store(emulator)
      .list(ids.adele)
      .find(
        (position) =>
          (position.body.detail as { jobTitle: string }).jobTitle ===
          (testCase.target ?? 'Auditor'),
      )!;
    const storedBefore = snapshotAll(emulator);
    const listBefore = await readList();

    const path =
      method === 'POST' ? '/me/profile/positions' : `/me/profile/positions/${target.body.id}`;
    const error = await expectGraphError(await send(testCase, method, path), 400, testCase.code, {
      mentions: testCase.mentions,
      clientRequestId: CLIENT_REQUEST_ID,
    });
    if (testCase.code === 'invalidRequest') {
      expect(error.details?.length).toBeGreaterThan(0);
      expect(error.details![0]).toMatchObject({ code: 'invalidRequest', message: error.message });
    }

    // Re-read over HTTP (the list holds the targeted position, etag and all) and in the store.
    expect(await readList()).toEqual(listBefore);
    expect(snapshotAll(emulator)).toEqual(storedBefore);
    expect(store(emulator).list(ids.adele)).toHaveLength(storedBefore[ids.adele].length);
  });
});

describe('bad query options on GET of the list', () => {
  it.each(BAD_LIST_QUERIES.map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    async (_name, testCase) => {
      const storedBefore = snapshotAll(emulator);
      const response = await emulator.call(
        'adele',
        ['User.Read'],
        `/me/profile/positions?${testCase.query}`,
        { headers: { 'client-request-id': CLIENT_REQUEST_ID } },
      );
      await expectGraphError(response, 400, 'BadRequest', {
        mentions: testCase.mentions,
        clientRequestId: CLIENT_REQUEST_ID,
      });
      expect(snapshotAll(emulator)).toEqual(storedBefore);
    },
  );
});

describe('how problems are reported', () => {
  it('an invalid body reports every problem in details, each with its target; the first is the message', async () => {
    const storedBefore = snapshotAll(emulator);
    const response = await emulator.call('adele', ['User.ReadWrite'], '/me/profile/positions', {
      method: 'POST',
      json: {
        id: 'x',
        allowedAudiences: 'friends',
        categories: 'audit',
        detail: { jobTitle: 42, startMonthYear: '2001-13-01' },
      },
    });
    const error = await expectGraphError(response, 400, 'invalidRequest', { mentions: ["'id'"] });
    expect(error.target).toBe('id');
    expect(error.details!.map((detail) => detail.target)).toEqual([
      'id',
      'allowedAudiences',
      'categories',
      'detail.jobTitle',
      'detail.startMonthYear',
    ]);
    for (const detail of error.details!) expect(detail.message).toContain(`'${detail.target}'`);
    expect(snapshotAll(emulator)).toEqual(storedBefore);
  });

  it('a valid write still works after all of the above (the emulator is not wedged)', async () => {
    const response = await emulator.call('adele', ['User.ReadWrite'], '/me/profile/positions', {
      method: 'POST',
      json: { detail: { jobTitle: 'After the storm' } },
    });
    expect(response.status).toBe(201);
  });
});
