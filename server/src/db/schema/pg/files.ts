import * as sqlite from '../sqlite/files';
import { pgTwins } from './twin';

export const { storedFiles } = pgTwins(sqlite);
