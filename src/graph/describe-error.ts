import { GraphError, NETWORK_ERROR } from './graph-error';

export interface ErrorDescription {
  /** What happened, in plain words. */
  title: string;
  /** Graph's own message, or more detail. */
  message: string;
  /** "Code itemNotFound · Request ID … · 2026-11-27T06:00:00" for support. */
  reference?: string;
}

/** Plain words for a failed call, keeping Graph's code and request id for whoever supports the user. */
export function describeError(error: unknown, action = 'That'): ErrorDescription {
  if (!(error instanceof GraphError)) {
    return {
      title: `${action} didn't work`,
      message: error instanceof Error ? error.message : String(error),
    };
  }
  const reference =
    [
      error.code && error.code !== NETWORK_ERROR ? `Code ${error.code}` : undefined,
      error.requestId
        ? `Request ID ${error.requestId}`
        : error.clientRequestId
          ? `Client request ID ${error.clientRequestId}`
          : undefined,
      error.date,
    ]
      .filter(Boolean)
      .join(' · ') || undefined;
  const title = (() => {
    if (error.code === NETWORK_ERROR) return "You're offline, or Microsoft Graph can't be reached";
    switch (error.status) {
      case 400:
        return 'Microsoft Graph refused the change';
      case 401:
        return 'Your sign-in has expired';
      case 403:
        return "You don't have permission to do this";
      case 404:
        return "It wasn't found";
      case 409:
      case 412:
        return 'Someone else changed this in the meantime';
      case 429:
        return 'Microsoft Graph is busy and asked us to slow down';
      case 500:
        return 'Microsoft Graph had a problem';
      case 502:
      case 503:
      case 504:
        return 'Microsoft Graph is temporarily unavailable';
      default:
        return `${action} didn't work`;
    }
  })();
  return { title, message: error.message, reference };
}
