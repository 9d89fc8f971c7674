import type { IncomingMessage } from 'node:http';

/** A request body larger than the reader accepts. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly limit: number,
    readonly received: number,
  ) {
    super(`The request body is ${received} bytes or more; the limit is ${limit} bytes.`);
  }
}

/** Reads a whole request body, refusing (as soon as it knows) one over `maxBytes`. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) throw new BodyTooLargeError(maxBytes, declared);
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > maxBytes) throw new BodyTooLargeError(maxBytes, received);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
