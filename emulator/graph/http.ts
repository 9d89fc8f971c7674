import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody } from '../read-body.js';
import { badRequest } from './graph-error.js';

/** The largest request body accepted; a whole position with every field at its limit is far smaller. */
export const MAX_BODY_BYTES = 64 * 1024;

const JSON_CONTENT_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': JSON_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendEmpty(
  res: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, headers);
  res.end();
}

function assertJsonContentType(req: IncomingMessage): void {
  const header = req.headers['content-type'];
  if (!header)
    throw badRequest(
      "The request has a body but no Content-Type; send 'Content-Type: application/json'.",
    );
  const [type, ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json')
    throw badRequest(`Content-Type '${header}' is not supported; send 'application/json'.`);
  const charset = params
    .find((param) => param.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset && charset !== 'utf-8')
    throw badRequest(`Charset '${charset}' is not supported; send UTF-8 JSON.`);
}

/** Reads and parses a JSON body: content type checked, size bounded, parse errors explained. */
export async function readJsonBody(
  req: IncomingMessage,
  maxBytes = MAX_BODY_BYTES,
): Promise<unknown> {
  assertJsonContentType(req);
  let text: string;
  try {
    text = (await readBody(req, maxBytes)).toString('utf8');
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw badRequest(error.message);
    throw error;
  }
  if (!text.trim()) throw badRequest('The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(
      `The request body is not valid JSON: ${(error as Error).message}. (A trailing comma after the last property is a common cause.)`,
    );
  }
}

/** Drains what is left of a request body so the connection can be reused after an early answer. */
export function discardBody(req: IncomingMessage): void {
  if (!req.readableEnded) req.resume();
}
