import { DEMO_TENANT } from './store/demo-directory.js';

/**
 * Where the local world answers. As with Microsoft's services, the app, Graph and the
 * sign-in service are three origins, so the browser applies CORS between them:
 *
 *   app       https://localhost:PORT            (PORT, default 5173)
 *   Graph     https://localhost:GRAPH_PORT/beta (GRAPH_PORT, default PORT + 1)
 *   sign-in   https://localhost:IDP_PORT/{tenant id}/v2.0  (IDP_PORT, default PORT + 2)
 *
 * The paths follow Microsoft's (`graph.microsoft.com/beta`,
 * `login.microsoftonline.com/{tenant}/v2.0`). The emulator's controls stay on the app's
 * origin, at /_emulator.
 */
export const GRAPH_PATH = '/beta';
export const CONTROL_PATH = '/_emulator';
export const IDP_PATH = `/${DEMO_TENANT.id}/v2.0`;

export interface LocalOrigins {
  app: string;
  graph: string;
  idp: string;
}

export interface LocalEndpoints {
  origins: LocalOrigins;
  /** The provider's issuer, which is also the app's authority. */
  issuer: string;
  graphBaseUrl: string;
  /** Every access token's `aud`: the Graph emulator, as Entra's name Graph. */
  audience: string;
}

export function localEndpoints(origins: LocalOrigins): LocalEndpoints {
  return {
    origins,
    issuer: `${origins.idp}${IDP_PATH}`,
    graphBaseUrl: `${origins.graph}${GRAPH_PATH}`,
    audience: origins.graph,
  };
}

export interface LocalPorts {
  app: number;
  graph: number;
  idp: number;
}

function portFrom(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a whole number from 1 to 65535, not '${raw}'.`);
  }
  return port;
}

/** PORT, GRAPH_PORT and IDP_PORT, each checked; three different ports. */
export function portsFromEnv(env: Record<string, string | undefined>): LocalPorts {
  const app = portFrom(env, 'PORT', 5173);
  const ports = {
    app,
    graph: portFrom(env, 'GRAPH_PORT', app + 1),
    idp: portFrom(env, 'IDP_PORT', app + 2),
  };
  if (new Set([ports.app, ports.graph, ports.idp]).size !== 3) {
    throw new Error(
      `PORT, GRAPH_PORT and IDP_PORT must differ (now ${ports.app}, ${ports.graph}, ${ports.idp}).`,
    );
  }
  return ports;
}

export const loopbackOrigins = (ports: LocalPorts): LocalOrigins => ({
  app: `https://localhost:${ports.app}`,
  graph: `https://localhost:${ports.graph}`,
  idp: `https://localhost:${ports.idp}`,
});
