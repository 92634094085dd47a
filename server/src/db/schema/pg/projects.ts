import * as sqlite from '../sqlite/projects';
import { pgTwins } from './twin';

export const { projects, projectCountries, projectMembers, outcomes, outputs, activities, comments } = pgTwins(sqlite);
