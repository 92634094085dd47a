import * as sqlite from '../sqlite/registry';
import { pgTwins } from './twin';

export const { registryOrganisations, registryEngagements, registryPeople, registryMemberships, registryConsents, attendance, personAccessLog } =
  pgTwins(sqlite);
