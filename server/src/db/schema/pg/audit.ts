import * as sqlite from '../sqlite/audit';
import { pgTwins } from './twin';

export { AUDIT_ACTIONS, type AuditAction } from '../sqlite/audit';
export const { auditLog } = pgTwins(sqlite);
