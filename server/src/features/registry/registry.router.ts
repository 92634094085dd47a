import type { Response, Router } from 'express';
import { IdParams } from '@shared/schemas/common';
import {
  CheckDuplicatesInput,
  ConsentInput,
  CreatePersonInput,
  ErasePersonInput,
  ListPeopleQuery,
  ProjectIdQuery,
  SearchPeopleInput,
  UpdatePersonInput,
  WithdrawConsentInput,
} from '@shared/schemas/registry';
import { ImportQuery } from '@shared/schemas/registry-import';
import {
  CreateEngagementInput,
  CreateOrganisationInput,
  ListOrganisationsQuery,
  UpdateOrganisationInput,
} from '@shared/schemas/registry-organisation';
import { RegistrySummaryQuery } from '@shared/schemas/registry-summary';
import { readForm } from '../../http/multipart';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { recordRoutes } from '../../http/record-routes';
import { authOf, route } from '../../http/route';
import { IMPORT_UPLOAD } from './registry-import.service';
import type { RegistryService } from './registry.service';

/** Responses that carry personal data: never stored by a browser or a proxy. */
function personal(res: Response): Response {
  res.set('Cache-Control', 'no-store');
  res.set('Pragma', 'no-cache');
  return res;
}

export function registerRegistryRoutes(router: Router, registry: RegistryService): void {
  const records = recordRoutes(router, personal);
  // People. Fixed paths come before /:id, which would otherwise match them.
  route(router, 'GET /registry/people', async (req, res) => {
    personal(res).json(await registry.list(authOf(req).user, parseQuery(ListPeopleQuery, req)));
  });
  route(router, 'POST /registry/people', async (req, res) => {
    personal(res)
      .status(201)
      .json(await registry.create(authOf(req).user, parseBody(CreatePersonInput, req)));
  });
  route(router, 'POST /registry/people/search', async (req, res) => {
    personal(res).json(await registry.search(authOf(req).user, parseBody(SearchPeopleInput, req)));
  });
  route(router, 'POST /registry/people/duplicates', async (req, res) => {
    personal(res).json(await registry.duplicates(authOf(req).user, parseBody(CheckDuplicatesInput, req)));
  });
  route(router, 'GET /registry/people/contacts.csv', async (req, res) => {
    const { projectId } = parseQuery(ProjectIdQuery, req);
    const csv = await registry.contactsCsv(authOf(req).user, projectId);
    personal(res)
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="contacts-project-${projectId}.csv"`)
      .send(`\uFEFF${csv}`);
  });
  records.read('GET /registry/people/:id', registry.get);
  records.update('PATCH /registry/people/:id', UpdatePersonInput, registry.update);
  records.remove('DELETE /registry/people/:id', registry.delete);
  route(router, 'GET /registry/people/:id/export', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    personal(res)
      .set('Content-Disposition', `attachment; filename="person-${id}.json"`)
      .json(await registry.export(authOf(req).user, id));
  });
  records.update('POST /registry/people/:id/erase', ErasePersonInput, registry.erase);
  records.read('GET /registry/people/:id/consents', registry.consents);
  records.create('POST /registry/people/:id/consents', ConsentInput, registry.giveConsent);
  records.update('POST /registry/people/:id/consent/withdraw', WithdrawConsentInput, registry.withdrawConsent);

  // Organisations (contact fields redacted for partners and donors)
  route(router, 'GET /registry/organisations', async (req, res) => {
    personal(res).json(await registry.listOrganisations(authOf(req).user, parseQuery(ListOrganisationsQuery, req)));
  });
  route(router, 'POST /registry/organisations', async (req, res) => {
    personal(res)
      .status(201)
      .json(await registry.createOrganisation(authOf(req).user, parseBody(CreateOrganisationInput, req)));
  });
  records.read('GET /registry/organisations/:id', registry.getOrganisation);
  records.update('PATCH /registry/organisations/:id', UpdateOrganisationInput, registry.updateOrganisation);
  records.remove('DELETE /registry/organisations/:id', registry.deleteOrganisation);
  records.create('POST /registry/organisations/:id/engagements', CreateEngagementInput, registry.addEngagement);

  // Import and summary
  route(
    router,
    'POST /registry/import',
    async (req, res) => {
      const { projectId, dryRun } = parseQuery(ImportQuery, req);
      const result = await registry.importSurvey(authOf(req).user, projectId, dryRun === '1' || dryRun === 'true', () =>
        readForm(req, IMPORT_UPLOAD),
      );
      personal(res)
        .status(result.dryRun ? 200 : 201)
        .json(result);
    },
    { body: 'multipart' },
  );
  route(router, 'GET /registry/summary', async (req, res) => {
    res.json(await registry.summary(authOf(req).user, parseQuery(RegistrySummaryQuery, req)));
  });
}
