import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AdminClientProvider } from './admin/AdminClientContext';
import { httpAdminClient } from './admin/adminClient';
import { DesktopApp } from './desktop/DesktopApp';
import { desktopBridge } from './desktop/desktopBridge';
import { startI18n } from './i18n/i18n';
import { applyTheme, initialLanguage, initialTheme } from './i18n/preferences';
import './styles.css';

// One build, two hosts: the desktop window (the preload put a bridge on window) or a browser.
const desktop = desktopBridge();

applyTheme(initialTheme());
const language = initialLanguage();
document.documentElement.lang = language;

// The catalogue arrives before the first render, so no page ever flashes in the wrong language.
void startI18n(language).then(() =>
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
  ),
);
