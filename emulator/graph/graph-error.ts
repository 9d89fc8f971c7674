import type { Problem } from '../model/shape.js';

/** The form in which users of the API report an error: a vaguer code and message, same status. */
export interface VagueForm {
  code: string;
  message: string;
}

/** An error the emulator answers in Graph's shape; routes throw these, one handler writes them. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: {
      target?: string;
      details?: { code: string; message: string; target?: string }[];
      headers?: Record<string, string>;
      /** What the fault setting `vagueErrors` answers instead (faults.ts). */
      vague?: VagueForm;
    } = {},
  ) {
    super(message);
  }

  /** This error as users report it, when it has a reported form; headers are kept. */
  vaguer(): GraphError {
    const { vague, headers } = this.extra;
    return vague ? new GraphError(this.status, vague.code, vague.message, { headers }) : this;
  }
}

/** Users of the API report refused input as 400 `UnknownError` with an empty message. */
const UNKNOWN_ERROR: VagueForm = { code: 'UnknownError', message: '' };

export const badRequest = (message: string) =>
  new GraphError(400, 'BadRequest', message, { vague: UNKNOWN_ERROR });

export const invalidRequest = (problems: Problem[]) =>
  new GraphError(400, 'invalidRequest', problems[0]?.message ?? 'The request is not valid.', {
    target: problems[0]?.target || undefined,
    details: problems.map((problem) => ({
      code: 'invalidRequest',
      message: problem.message,
      target: problem.target || undefined,
    })),
    vague: UNKNOWN_ERROR,
  });

export const invalidAuthenticationToken = (message: string) =>
  new GraphError(401, 'InvalidAuthenticationToken', message, {
    headers: {
      'WWW-Authenticate': `Bearer realm="", error="invalid_token", error_description="${message.replace(/"/g, "'")}"`,
    },
  });

export const authorizationDenied = (message: string) =>
  new GraphError(
    403,
    'Authorization_RequestDenied',
    `Insufficient privileges to complete the operation. ${message}`,
  );

export const itemNotFound = (what: string) =>
  new GraphError(404, 'itemNotFound', `${what} was not found.`);

export const preconditionFailed = () =>
  new GraphError(
    412,
    'preconditionFailed',
    'The entity has changed since it was read: the If-Match etag no longer matches. Read it again and retry.',
  );

export const segmentNotFound = (segment: string) =>
  new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);

export const methodNotAllowed = (method: string, path: string) =>
  new GraphError(405, 'BadRequest', `The HTTP method '${method}' is not supported on '${path}'.`);

/** Graph's `innerError.date` format: UTC, seconds, no zone suffix. */
export const graphDate = (when = new Date()) => when.toISOString().slice(0, 19);

export function errorBody(error: GraphError, requestId: string, clientRequestId: string) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.extra.target ? { target: error.extra.target } : {}),
      ...(error.extra.details ? { details: error.extra.details } : {}),
      innerError: {
        date: graphDate(),
        'request-id': requestId,
        'client-request-id': clientRequestId,
      },
    },
  };
}
