import type { z } from 'zod';
import type { ListExpendituresQuery } from '@shared/schemas/budget-ledger';

export type ExpenditureListParams = z.input<typeof ListExpendituresQuery>;

export const budgetKeys = {
  all: ['budget'] as const,
  analysis: (projectId: number) => [...budgetKeys.all, 'analysis', projectId] as const,
  health: (projectId: number) => [...budgetKeys.all, 'health', projectId] as const,
  lines: (projectId: number) => [...budgetKeys.all, 'lines', projectId] as const,
  revisions: (lineId: number) => [...budgetKeys.all, 'revisions', lineId] as const,
  ledgers: () => [...budgetKeys.all, 'ledger'] as const,
  ledger: (projectId: number, params: ExpenditureListParams) => [...budgetKeys.ledgers(), projectId, params] as const,
};
