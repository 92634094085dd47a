import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { initI18n } from '@/lib/i18n';

// Component tests read English: the catalogue is the source of every visible string.
localStorage.setItem('hamkori.lang', 'en');
await initI18n('en');

afterEach(() => {
  cleanup();
  setCsrfToken(null);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
