import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AdminClientProvider } from './admin/AdminClientContext';
import { httpAdminClient } from './admin/adminClient';
import { DesktopApp } from './desktop/DesktopApp';
import { desktopBridge } from './desktop/desktopBridge';
import './styles.css';

// One build, two hosts: the desktop window (the preload put a bridge on window) or a browser.
const desktop = desktopBridge();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {desktop ? (
      <DesktopApp desktop={desktop} />
    ) : (
      <AdminClientProvider client={httpAdminClient()}>
        <App />
      </AdminClientProvider>
    )}
  </StrictMode>,
);
