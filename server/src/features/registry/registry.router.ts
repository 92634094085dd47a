import type { Response, Router } from 'express';
import { IdParams, VersionQuery } from '@shared/schemas/common';
import {
  CheckDuplicatesInput,
  ConsentInput,
  CreateEngagementInput,
  CreateOrganisationInput,
  CreatePersonInput,
  ErasePersonInput,
  ImportQuery,
  ListOrganisationsQuery,
  ListPeopleQuery,
  ProjectIdQuery,
  RegistrySummaryQuery,
  SearchPeopleInput,
  UpdateOrganisationInput,
  UpdatePersonInput,
  WithdrawConsentInput,
} from '@shared/schemas/registry';
import { readForm } from '../../http/multipart';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { authOf, route } from '../../http/route';
import { IMPORT_UPLOAD, type RegistryService } from './registry.service';

/** Responses that carry personal data: never stored by a browser or a proxy. */
function personal(res: Response): Response {
  res.set('Cache-Control', 'no-store');
  res.set('Pragma', 'no-cache');
  return res;
}

export function registerRegistryRoutes(router: Router, registry: RegistryService): void {
  // People. Fixed paths come before /:id, which would otherwise match them.
  route(router, 'GET /registry/people', (req, res) => {
    personal(res).json(registry.list(authOf(req).user, parseQuery(ListPeopleQuery, req)));
  });
  route(router, 'POST /registry/people', (req, res) => {
    personal(res).status(201).json(registry.create(authOf(req).user, parseBody(CreatePersonInput, req)));
  });
  route(router, 'POST /registry/people/search', (req, res) => {
    personal(res).json(registry.search(authOf(req).user, parseBody(SearchPeopleInput, req)));
  });
  route(router, 'POST /registry/people/duplicates', (req, res) => {
    personal(res).json(registry.duplicates(authOf(req).user, parseBody(CheckDuplicatesInput, req)));
  });
  route(router, 'GET /registry/people/contacts.csv', (req, res) => {
    const { projectId } = parseQuery(ProjectIdQuery, req);
    const csv = registry.contactsCsv(authOf(req).user, projectId);
    personal(res)
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="contacts-project-${projectId}.csv"`)
      .send(`\uFEFF${csv}`);
  });
  route(router, 'GET /registry/people/:id', (req, res) => {
    personal(res).json(registry.get(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'PATCH /registry/people/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    personal(res).json(registry.update(authOf(req).user, id, parseBody(UpdatePersonInput, req)));
  });
  route(router, 'DELETE /registry/people/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    registry.delete(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
  route(router, 'GET /registry/people/:id/export', (req, res) => {
    const { id } = parseParams(IdParams, req);
    personal(res)
      .set('Content-Disposition', `attachment; filename="person-${id}.json"`)
      .json(registry.export(authOf(req).user, id));
  });
  route(router, 'POST /registry/people/:id/erase', (req, res) => {
    const { id } = parseParams(IdParams, req);
    personal(res).json(registry.erase(authOf(req).user, id, parseBody(ErasePersonInput, req)));
  });
  route(router, 'GET /registry/people/:id/consents', (req, res) => {
    personal(res).json(registry.consents(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'POST /registry/people/:id/consents', (req, res) => {
    const { id } = parseParams(IdParams, req);
    personal(res).status(201).json(registry.giveConsent(authOf(req).user, id, parseBody(ConsentInput, req)));
  });
  route(router, 'POST /registry/people/:id/consent/withdraw', (req, res) => {
    const { id } = parseParams(IdParams, req);
    personal(res).json(registry.withdrawConsent(authOf(req).user, id, parseBody(WithdrawConsentInput, req)));
  });

  // Organisations (contact fields redacted for partners and donors)
  route(router, 'GET /registry/organisations', (req, res) => {
    personal(res).json(registry.listOrganisations(authOf(req).user, parseQuery(ListOrganisationsQuery, req)));
  });
  route(router, 'POST /registry/organisations', (req, res) => {
    personal(res).status(201).json(registry.createOrganisation(authOf(req).user, parseBody(CreateOrganisationInput, req)));
  });
  route(router, 'GET /registry/organisations/:id', (req, res) => {
    personal(res).json(registry.getOrganisation(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'PATCH /registry/organisations/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    personal(res).json(registry.updateOrganisation(authOf(req).user, id, parseBody(UpdateOrganisationInput, req)));
  });
  route(router, 'DELETE /registry/organisations/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    registry.deleteOrganisation(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
  route(router, 'POST /registry/organisations/:id/engagements', (req, res) => {
    const { id } = parseParams(IdParams, req);
    personal(res).status(201).json(registry.addEngagement(authOf(req).user, id, parseBody(CreateEngagementInput, req)));
  });

  // Import and summary
  route(
    router,
    'POST /registry/import',
    async (req, res) => {
      const { projectId, dryRun } = parseQuery(ImportQuery, req);
      const result = await registry.importSurvey(authOf(req).user, projectId, dryRun === '1' || dryRun === 'true', () =>
        readForm(req, IMPORT_UPLOAD),
      );
      personal(res).status(result.dryRun ? 200 : 201).json(result);
    },
    { body: 'multipart' },
  );
  route(router, 'GET /registry/summary', (req, res) => {
    res.json(registry.summary(authOf(req).user, parseQuery(RegistrySummaryQuery, req)));
  });
}
