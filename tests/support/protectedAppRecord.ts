// A protected app as the database returns it, for unit tests of what is built from one: Sonarr on
// sonarr.home.example with every default, changed by the fields given.
import { DEFAULT_IDENTITY_HEADERS, type ProtectedApp } from '../../server/model/protectedApps.ts';

export const protectedAppRecord = (fields: Partial<ProtectedApp> = {}): ProtectedApp => ({
  id: 'sonarr',
  name: 'Sonarr',
  hosts: ['sonarr.home.example'],
  pathPrefixes: [],
  allowedGroups: [],
  bypassPaths: [],
  identityHeaders: DEFAULT_IDENTITY_HEADERS,
  sessionTtl: null,
  source: 'console',
  createdAt: 0,
  updatedAt: 0,
  ...fields,
});
