import * as sqlite from '../sqlite/budget';
import { pgTwins } from './twin';

export const { budgetLines, budgetLineRevisions, expenditures, budgetSettings, expenditureFiles } = pgTwins(sqlite);
