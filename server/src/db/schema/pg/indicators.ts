import * as sqlite from '../sqlite/indicators';
import { pgTwins } from './twin';

export const { indicators, indicatorPeriods, indicatorValues, evidenceFiles, projectSettings } = pgTwins(sqlite);
