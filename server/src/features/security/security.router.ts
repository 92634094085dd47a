import type { Router } from 'express';
import { PasswordResetInput } from '@shared/schemas/auth';
import { IdParams } from '@shared/schemas/common';
import { DisableTotpInput, EnableTotpInput, SessionIdParams, UpdateSecuritySettingsInput } from '@shared/schemas/security';
import { parseBody, parseParams } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { SecurityService } from './security.service';

export function registerSecurityRoutes(router: Router, security: SecurityService): void {
  route(router, 'GET /auth/totp', async (req, res) => {
    res.json(await security.totpStatus(authOf(req)));
  });
  route(router, 'POST /auth/totp/setup', async (req, res) => {
    res.json(await security.setupTotp(authOf(req)));
  });
  route(router, 'POST /auth/totp/enable', async (req, res) => {
    res.json(await security.enableTotp(authOf(req), parseBody(EnableTotpInput, req)));
  });
  route(router, 'POST /auth/totp/disable', async (req, res) => {
    await security.disableTotp(authOf(req), parseBody(DisableTotpInput, req));
    res.status(204).end();
  });
  route(router, 'POST /auth/password-reset', async (req, res) => {
    res.json(await security.resetPassword(req, parseBody(PasswordResetInput, req)));
  });
  route(router, 'GET /auth/sessions', async (req, res) => {
    const auth = authOf(req);
    res.json(await security.listSessions(auth, auth.user.id));
  });
  route(router, 'DELETE /sessions/:id', async (req, res) => {
    await security.revokeSession(authOf(req), res, parseParams(SessionIdParams, req).id);
    res.status(204).end();
  });

  route(router, 'GET /users/:id/sessions', async (req, res) => {
    res.json(await security.listSessions(authOf(req), parseParams(IdParams, req).id));
  });
  route(router, 'POST /users/:id/password-reset', async (req, res) => {
    res.status(201).json(await security.createPasswordReset(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'DELETE /users/:id/totp', async (req, res) => {
    await security.resetUserTotp(authOf(req).user, parseParams(IdParams, req).id);
    res.status(204).end();
  });

  route(router, 'GET /settings/security', async (_req, res) => {
    res.json(await security.getSettings());
  });
  route(router, 'PATCH /settings/security', async (req, res) => {
    res.json(await security.updateSettings(authOf(req), parseBody(UpdateSecuritySettingsInput, req)));
  });
}
