import * as pgSchema from './pg';
import * as sqliteSchema from './sqlite';
import { databaseEngine } from '../engine';

// The tables of the engine this process runs on (db/engine.ts). Both descriptions have the
// same tables, columns and keys (tests/unit/schema-parity.test.ts) and give repositories
// the same JS values, so code is typed once, against the SQLite description, and runs on
// either; queries are built by the dialect of the database they run on.
const tables = (databaseEngine() === 'postgres' ? pgSchema : sqliteSchema) as unknown as typeof sqliteSchema;

export { AUDIT_ACTIONS, ATTEMPT_SCOPES, type AttemptScope, type AuditAction } from './sqlite';
export const activities = tables.activities;
export const activityDependencies = tables.activityDependencies;
export const attendance = tables.attendance;
export const auditLog = tables.auditLog;
export const budgetLineRevisions = tables.budgetLineRevisions;
export const budgetLines = tables.budgetLines;
export const budgetSettings = tables.budgetSettings;
export const comments = tables.comments;
export const evidenceFiles = tables.evidenceFiles;
export const expenditureFiles = tables.expenditureFiles;
export const expenditures = tables.expenditures;
export const indicatorPeriods = tables.indicatorPeriods;
export const indicatorValues = tables.indicatorValues;
export const indicators = tables.indicators;
export const mfaChallenges = tables.mfaChallenges;
export const milestones = tables.milestones;
export const outcomes = tables.outcomes;
export const outputs = tables.outputs;
export const passwordResetTokens = tables.passwordResetTokens;
export const personAccessLog = tables.personAccessLog;
export const projectCountries = tables.projectCountries;
export const projectMembers = tables.projectMembers;
export const projectSettings = tables.projectSettings;
export const projects = tables.projects;
export const recoveryCodes = tables.recoveryCodes;
export const registryConsents = tables.registryConsents;
export const registryEngagements = tables.registryEngagements;
export const registryMemberships = tables.registryMemberships;
export const registryOrganisations = tables.registryOrganisations;
export const registryPeople = tables.registryPeople;
export const reports = tables.reports;
export const sessions = tables.sessions;
export const settings = tables.settings;
export const signInCounters = tables.signInCounters;
export const signInKnownAddresses = tables.signInKnownAddresses;
export const storedFiles = tables.storedFiles;
export const subEvents = tables.subEvents;
export const userTotp = tables.userTotp;
export const users = tables.users;
