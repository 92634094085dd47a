import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { AppProvider, createQueryClient } from './app/provider';
import { paths, type LoginState } from './app/paths';
import { createAppRouter } from './app/router';
import { setMfaEnrolmentRequiredHandler, setUnauthenticatedHandler } from './lib/api-client';
import { initI18n } from './lib/i18n';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/data.css';
import './styles/patterns.css';
import './styles/print.css';

async function start(): Promise<void> {
  await initI18n();
  const queryClient = createQueryClient();
  const router = createAppRouter();

  // A lost session anywhere sends the user to sign in, remembering where they were.
  setUnauthenticatedHandler(() => {
    const { pathname, search, hash } = router.state.location;
    if (pathname === paths.login) return;
    const state: LoginState = { from: `${pathname}${search}${hash}` };
    void router.navigate(paths.login, { replace: true, state });
  });

  // Two-factor sign-in required and not set up: every page but the Security page is closed.
  setMfaEnrolmentRequiredHandler(() => {
    if (router.state.location.pathname !== paths.security) void router.navigate(paths.security, { replace: true });
  });

  const container = document.getElementById('root');
  if (!container) throw new Error('#root is missing from index.html');
  createRoot(container).render(
    <StrictMode>
      <AppProvider queryClient={queryClient}>
        <RouterProvider router={router} />
      </AppProvider>
    </StrictMode>,
  );
}

void start();
