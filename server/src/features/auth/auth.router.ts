import type { Router } from 'express';
import { ChangePasswordInput, LoginInput, LoginTotpInput, UpdatePreferencesInput } from '@shared/schemas/auth';
import { parseBody } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { AuthService } from './auth.service';

export function registerAuthRoutes(router: Router, auth: AuthService): void {
  route(router, 'POST /auth/login', async (req, res) => {
    res.json(await auth.login(req, res, parseBody(LoginInput, req)));
  });
  route(router, 'POST /auth/login/totp', async (req, res) => {
    res.json(await auth.loginWithSecondFactor(req, res, parseBody(LoginTotpInput, req)));
  });
  route(router, 'GET /auth/me', async (req, res) => {
    res.json(auth.me(authOf(req)));
  });
  route(router, 'POST /auth/logout', async (req, res) => {
    await auth.logout(res, authOf(req));
    res.status(204).end();
  });
  route(router, 'PATCH /auth/preferences', async (req, res) => {
    res.json(await auth.updatePreferences(authOf(req), parseBody(UpdatePreferencesInput, req)));
  });
  route(router, 'POST /auth/password', async (req, res) => {
    await auth.changePassword(authOf(req), parseBody(ChangePasswordInput, req));
    res.status(204).end();
  });
}
