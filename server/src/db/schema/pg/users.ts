import * as sqlite from '../sqlite/users';
import { pgTwins } from './twin';

export const { users, sessions } = pgTwins(sqlite);
