import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './i18n';
import { App } from './app/App';
import { applyLocale, initialLocale } from './app/locale';
import { modules } from './app/modules';

applyLocale(initialLocale());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App modules={modules} />
  </StrictMode>,
);
