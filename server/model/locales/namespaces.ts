// The catalogue is one JSON file per namespace and language (server/model/locales/<language>/<namespace>.json),
// so each part of Gatehouse keeps its own text. The server renders pages, mail and errors; the UI the rest.

export const NAMESPACES = [
  'common',
  'signIn',
  'account',
  'dashboard',
  'logos',
  'pictures',
  'sessions',
  'console',
  'consoleClients',
  'consoleAccess',
  'pages',
  'mail',
  'errors',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** The namespaces the server itself renders from. */
export const SERVER_NAMESPACES = ['pages', 'mail', 'errors'] as const satisfies readonly Namespace[];
