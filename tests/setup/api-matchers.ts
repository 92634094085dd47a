import { expect } from 'vitest';
import { apiMatchers } from '../api/matchers';

expect.extend(apiMatchers);
