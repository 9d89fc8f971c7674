import {
  localEndpoints,
  loopbackOrigins,
  type LocalEndpoints,
  type LocalPorts,
} from '../../../emulator/endpoints.js';

/**
 * Where the browser tests' servers answer: the dev server's app on E2E_PORT with its
 * Graph and sign-in on the next two ports, the production build's (vite preview) on the
 * three after.
 */
const base = Number(process.env.E2E_PORT ?? 5183);
export const DEV_PORTS: LocalPorts = { app: base, graph: base + 1, idp: base + 2 };
export const PREVIEW_PORTS: LocalPorts = { app: base + 3, graph: base + 4, idp: base + 5 };

export const DEV_ENDPOINTS = localEndpoints(loopbackOrigins(DEV_PORTS));
export const PREVIEW_ENDPOINTS = localEndpoints(loopbackOrigins(PREVIEW_PORTS));
const all = [DEV_ENDPOINTS, PREVIEW_ENDPOINTS];

/** The local stack whose app answers at `baseURL`. */
export function endpointsFor(baseURL: string | undefined): LocalEndpoints {
  const found = all.find((endpoints) => endpoints.origins.app === new URL(baseURL ?? '').origin);
  if (!found) throw new Error(`No local stack serves ${baseURL ?? '(no baseURL)'}.`);
  return found;
}

export const portsEnv = (ports: LocalPorts) => ({
  PORT: String(ports.app),
  GRAPH_PORT: String(ports.graph),
  IDP_PORT: String(ports.idp),
});
