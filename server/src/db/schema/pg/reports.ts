import * as sqlite from '../sqlite/reports';
import { pgTwins } from './twin';

export const { reports } = pgTwins(sqlite);
