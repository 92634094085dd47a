import { describe, expect, it } from 'vitest';
import { disaggregationIssues, isDisaggregationComplete, sumParts, type Disaggregation } from '@shared/calc/disaggregation';
import type { DisaggregationDimension } from '@shared/enums';
import { messageOf } from '@shared/issue-messages';

const sex = (women: number | null, men: number | null, other: number | null) => ({ women, men, other });
const groups = (government: number | null, diaspora: number | null, civil_society: number | null, international: number | null) => ({
  government,
  diaspora,
  civil_society,
  international,
});

describe('sumParts', () => {
  it.each([
    { name: 'all parts recorded', parts: sex(1, 2, 3), expected: { sum: 6, missing: 0 } },
    { name: 'null parts are missing, not zero', parts: sex(4, null, null), expected: { sum: 4, missing: 2 } },
    { name: 'zero is a recorded part', parts: sex(0, 0, 0), expected: { sum: 0, missing: 0 } },
  ])('$name', ({ parts, expected }) => {
    expect(sumParts(parts, ['women', 'men', 'other'])).toStrictEqual(expected);
  });
});

describe('isDisaggregationComplete', () => {
  it.each<{ name: string; total: number | null; d: Disaggregation | null; configured: DisaggregationDimension[]; expected: boolean }>([
    { name: 'nothing configured is always complete', total: 10, d: null, configured: [], expected: true },
    { name: 'sex parts adding up exactly', total: 10, d: { sex: sex(4, 5, 1) }, configured: ['sex'], expected: true },
    { name: 'sex parts short of the total', total: 10, d: { sex: sex(4, 5, 0) }, configured: ['sex'], expected: false },
    { name: 'a missing part', total: 9, d: { sex: sex(4, 5, null) }, configured: ['sex'], expected: false },
    { name: 'a configured dimension not given', total: 10, d: { sex: sex(4, 5, 1) }, configured: ['sex', 'participantGroup'], expected: false },
    {
      name: 'both dimensions adding up',
      total: 10,
      d: { sex: sex(4, 5, 1), participantGroup: groups(2, 6, 1, 1) },
      configured: ['sex', 'participantGroup'],
      expected: true,
    },
    { name: 'decimal parts within rounding (0.1 + 0.2 = 0.3)', total: 0.3, d: { sex: sex(0.1, 0.2, 0) }, configured: ['sex'], expected: true },
    { name: 'no total', total: null, d: { sex: sex(1, 1, 1) }, configured: ['sex'], expected: false },
  ])('$name', ({ total, d, configured, expected }) => {
    expect(isDisaggregationComplete(total, d, configured)).toBe(expected);
  });
});

describe('disaggregationIssues', () => {
  it.each<{
    name: string;
    total: number | null;
    d: Disaggregation | null;
    configured: DisaggregationDimension[];
    complete?: boolean;
    expected: string[];
  }>([
    { name: 'no breakdown, not complete', total: 10, d: null, configured: ['sex'], expected: [] },
    { name: 'parts below the total are fine', total: 10, d: { sex: sex(3, 4, null) }, configured: ['sex'], expected: [] },
    { name: 'parts equal to the total are fine', total: 10, d: { sex: sex(3, 4, 3) }, configured: ['sex'], expected: [] },
    {
      name: 'parts above the total',
      total: 10,
      d: { sex: sex(6, 5, null) },
      configured: ['sex'],
      expected: ['disaggregation.sex: The parts add up to 11, more than the total 10'],
    },
    {
      name: 'group parts above the total while sex parts are fine',
      total: 10,
      d: { sex: sex(5, 5, 0), participantGroup: groups(4, 4, 4, null) },
      configured: ['sex', 'participantGroup'],
      expected: ['disaggregation.participantGroup: The parts add up to 12, more than the total 10'],
    },
    {
      name: 'a dimension the indicator is not configured for',
      total: 10,
      d: { participantGroup: groups(1, 1, 1, 1) },
      configured: ['sex'],
      expected: ['disaggregation.participantGroup: This indicator is not broken down by participant group'],
    },
    {
      name: 'parts without a total',
      total: null,
      d: { sex: sex(1, null, null) },
      configured: ['sex'],
      expected: ['disaggregation.sex: Give the total before its parts'],
    },
    { name: 'empty parts without a total are fine', total: null, d: { sex: sex(null, null, null) }, configured: ['sex'], expected: [] },
    { name: 'complete when the parts add up', total: 10, d: { sex: sex(3, 4, 3) }, configured: ['sex'], complete: true, expected: [] },
    {
      name: 'complete when the parts fall short',
      total: 10,
      d: { sex: sex(3, 4, 2) },
      configured: ['sex'],
      complete: true,
      expected: ['complete: Only a value whose parts add up to its total can be marked complete (check the parts by sex)'],
    },
    {
      name: 'complete with a configured dimension missing',
      total: 10,
      d: { sex: sex(3, 4, 3) },
      configured: ['sex', 'participantGroup'],
      complete: true,
      expected: ['complete: Only a value whose parts add up to its total can be marked complete (check the parts by participant group)'],
    },
    { name: 'complete with nothing configured', total: 10, d: null, configured: [], complete: true, expected: [] },
    {
      name: 'parts above the total are reported instead of the complete flag',
      total: 10,
      d: { sex: sex(6, 6, 0) },
      configured: ['sex'],
      complete: true,
      expected: ['disaggregation.sex: The parts add up to 12, more than the total 10'],
    },
  ])('$name', ({ total, d, configured, complete, expected }) => {
    const issues = disaggregationIssues({ total, disaggregation: d, configured, complete });
    expect(issues.map((i) => `${i.path}: ${messageOf(i)}`)).toStrictEqual(expected);
  });

  it('puts target issues under the path it is given', () => {
    const issues = disaggregationIssues({ total: 1, disaggregation: { sex: sex(2, 0, 0) }, configured: ['sex'], path: 'targetDisaggregation' });
    expect(issues.map((i) => i.path)).toStrictEqual(['targetDisaggregation.sex']);
  });
});
