import { createContext, type ReactNode, useContext } from 'react';
import type { AdminClient } from './adminClient';

const AdminClientContext = createContext<AdminClient | null>(null);

/** Hands the console its transport: HTTP in the browser, IPC in the desktop window. */
export function AdminClientProvider({ client, children }: { client: AdminClient; children: ReactNode }) {
  return <AdminClientContext value={client}>{children}</AdminClientContext>;
}

export function useAdminClient(): AdminClient {
  const client = useContext(AdminClientContext);
  if (!client) throw new Error('The admin console needs an AdminClientProvider around it.');
  return client;
}
