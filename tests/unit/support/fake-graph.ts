import type { GraphClient, GraphRequest } from '../../../src/graph/client';
import { GraphError, type GraphErrorInit } from '../../../src/graph/graph-error';
import { setGraphClient } from '../../../src/graph/graph';

/** One request the app sent, as the fake Graph saw it. */
export interface GraphCall {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

/** What the fake answers a call with: data, or a GraphError to throw. */
export type Answer = (call: GraphCall) => unknown;

/**
 * A Graph client for unit tests, installed with setGraphClient: no network. Each call is
 * recorded and answered by `answer` (return data, or throw a GraphError); answers may be
 * promises, so a test can hold a request until it lets it go.
 */
export function fakeGraph(answer: Answer) {
  const calls: GraphCall[] = [];
  const request = async (path: string, init: GraphRequest = {}) => {
    const call: GraphCall = {
      method: init.method ?? 'GET',
      path,
      body: init.body,
      headers: { ...init.headers },
    };
    calls.push(call);
    const data = await answer(call);
    return { status: call.method === 'POST' ? 201 : 200, data, headers: new Headers() };
  };
  const client: GraphClient = { request };
  setGraphClient(client);
  return {
    calls,
    /** "METHOD path" of every call so far, in order. */
    lines: () => calls.map((call) => `${call.method} ${call.path}`),
  };
}

/** A Graph failure as the client would raise it. */
export function graphError(status: number, init: Partial<GraphErrorInit> = {}): GraphError {
  return new GraphError({
    status,
    code: `http${status}`,
    message: `Graph said ${status}.`,
    ...init,
  });
}

/** Answers in turn, one per call; the last one again once they run out. */
export function inTurn(...answers: unknown[]): () => unknown {
  let index = 0;
  return () => {
    const next = answers[Math.min(index++, answers.length - 1)];
    if (next instanceof Error) throw next;
    return next;
  };
}

/** A promise the test settles: holds a request until the test lets it go. */
export function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
