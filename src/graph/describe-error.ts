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
  const plain = inPlainWords(error);
  if (plain) {
    const said = graphsOwnWords(error);
    return {
      title: plain.title,
      message: said ? `${plain.message} Microsoft Graph said: "${said}"` : plain.message,
      reference,
    };
  }
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

/**
 * Graph's message when it says something: not empty, and not the status line the client
 * puts in when Graph sent no message at all.
 */
function graphsOwnWords(error: GraphError): string | undefined {
  const message = error.message.trim();
  if (!message || message.startsWith('Microsoft Graph answered ')) return undefined;
  return message;
}

/**
 * The answers whose code or message alone would tell a person nothing: what users of the
 * API report Graph sends (graph-profile-api.md, "Data as real tenants hold it") and the
 * documented 413 and 415. Each in plain words, with what to do.
 */
function inPlainWords(error: GraphError): { title: string; message: string } | undefined {
  const code = error.code.toLowerCase();
  if (code === 'erroraccessdeniedforrole')
    return {
      title: "Your role doesn't allow this change",
      message:
        "Changing someone else's profile needs a directory role that may update users, such as User Administrator. Ask an administrator if you need one.",
    };
  if (code === 'unknownerror' && error.status === 404)
    return {
      title: "Microsoft Graph couldn't find the position just now",
      message:
        'It answered "not found" although the position is still there. Your changes are still here: try again in a moment.',
    };
  if (code === 'unknownerror' && error.status === 400)
    return {
      title: 'Microsoft Graph refused the change without saying why',
      message:
        'Check the values you changed, then try again. If it keeps happening, give the reference below to whoever supports you.',
    };
  if (error.status === 429)
    return {
      title: 'Microsoft Graph is busy and asked us to slow down',
      message: 'Too many requests were made in a short time. Wait a moment, then try again.',
    };
  if (error.status === 413)
    return {
      title: 'The change is too large for Microsoft Graph',
      message: 'Shorten the longest texts (the description or the summary), then try again.',
    };
  if (error.status === 415)
    return {
      title: "Microsoft Graph couldn't read the request",
      message:
        'This is a fault in Profile Editor, not in what you typed. Try again; if it keeps happening, report it with the reference below.',
    };
  return undefined;
}
