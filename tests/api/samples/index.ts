import type { RouteKey } from '../../../server/src/http/policy';
import { ACCESS_SAMPLES } from './access';
import type { Sample } from './context';
import { PLAN_SAMPLES } from './plan';
import { REGISTRY_SAMPLES } from './registry';
import { REPORTS_SAMPLES } from './reports';
import { RESULTS_SAMPLES } from './results';

export { useSampleApp, type Call } from './context';

/**
 * One valid request for every route in ROUTE_POLICY, shared by policy.test.ts (who may
 * call what) and fuzz.test.ts (what spoiled versions of it do). A new route needs a
 * sample here, or both tests fail. Each test file binds its own app with useSampleApp
 * (vitest gives every test file its own copy of this module).
 */
export const SAMPLES: Record<RouteKey, Sample> = { ...ACCESS_SAMPLES, ...RESULTS_SAMPLES, ...PLAN_SAMPLES, ...REGISTRY_SAMPLES, ...REPORTS_SAMPLES };
