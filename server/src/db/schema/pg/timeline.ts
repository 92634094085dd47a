import * as sqlite from '../sqlite/timeline';
import { pgTwins } from './twin';

export const { milestones, subEvents, activityDependencies } = pgTwins(sqlite);
