import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AdminClientProvider } from './admin/AdminClientContext';
import { httpAdminClient } from './admin/adminClient';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AdminClientProvider client={httpAdminClient()}>
      <App />
    </AdminClientProvider>
  </StrictMode>,
);
