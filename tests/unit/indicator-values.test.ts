import { describe, expect, it } from 'vitest';
import type { IndicatorMeasure } from '@shared/calc/indicator-progress';
import type { ValueStatus } from '@shared/enums';
import { messageOf } from '@shared/issue-messages';
import { CreateIndicatorInput, indicatorIssues } from '@shared/schemas/indicator';
import { isValueEditable, nextValueStatus, RecordValueInput, valueShapeIssues, type ValueAction } from '@shared/schemas/indicator-value';

describe('valueShapeIssues', () => {
  it.each<{ name: string; measure: IndicatorMeasure; input: Record<string, unknown>; expected: string[] }>([
    { name: 'a number with its value', measure: 'number', input: { value: 12 }, expected: [] },
    { name: 'a number without value', measure: 'number', input: {}, expected: ['value: Required'] },
    {
      name: 'a number given as a ratio',
      measure: 'number',
      input: { value: 1, numerator: 1, denominator: 2 },
      expected: [
        'numerator: Only a percentage can be given as numerator and denominator',
        'denominator: Only a percentage can be given as numerator and denominator',
      ],
    },
    {
      name: 'a number with a narrative',
      measure: 'number',
      input: { value: 1, narrative: 'text' },
      expected: ['narrative: Only a qualitative indicator takes a narrative and a score'],
    },
    { name: 'a percentage as a value', measure: 'percentage', input: { value: 45.5 }, expected: [] },
    { name: 'a percentage as numerator and denominator', measure: 'percentage', input: { numerator: 3, denominator: 8 }, expected: [] },
    {
      name: 'a percentage with both forms',
      measure: 'percentage',
      input: { value: 40, numerator: 3, denominator: 8 },
      expected: ['value: Give either the percentage or its numerator and denominator'],
    },
    {
      name: 'a percentage with a numerator only',
      measure: 'percentage',
      input: { numerator: 3 },
      expected: ['denominator: Required with a numerator'],
    },
    {
      name: 'a percentage with nothing',
      measure: 'percentage',
      input: {},
      expected: ['value: Give the percentage or its numerator and denominator'],
    },
    { name: 'a qualitative narrative with a score', measure: 'qualitative', input: { narrative: 'Adopted', score: 5 }, expected: [] },
    { name: 'a qualitative narrative alone', measure: 'qualitative', input: { narrative: 'Drafted' }, expected: [] },
    { name: 'a qualitative score alone', measure: 'qualitative', input: { score: 3 }, expected: ['narrative: Required'] },
    {
      name: 'a qualitative value with a number',
      measure: 'qualitative',
      input: { narrative: 'x', value: 3 },
      expected: ['value: A qualitative indicator takes a narrative and a score, not numbers'],
    },
    { name: 'null fields count as not given', measure: 'number', input: { value: 2, narrative: null, score: null }, expected: [] },
  ])('$name', ({ measure, input, expected }) => {
    expect(valueShapeIssues(measure, input).map((i) => `${i.path}: ${messageOf(i)}`)).toStrictEqual(expected);
  });
});

describe('nextValueStatus', () => {
  it.each<{ status: ValueStatus; action: ValueAction; expected: ValueStatus | null }>([
    { status: 'draft', action: 'submit', expected: 'submitted' },
    { status: 'returned', action: 'submit', expected: 'submitted' },
    { status: 'submitted', action: 'submit', expected: null },
    { status: 'approved', action: 'submit', expected: null },
    { status: 'submitted', action: 'approve', expected: 'approved' },
    { status: 'draft', action: 'approve', expected: null },
    { status: 'returned', action: 'approve', expected: null },
    { status: 'approved', action: 'approve', expected: null },
    { status: 'submitted', action: 'return', expected: 'returned' },
    { status: 'draft', action: 'return', expected: null },
    { status: 'approved', action: 'return', expected: null },
  ])('$action from $status leads to $expected', ({ status, action, expected }) => {
    expect(nextValueStatus(status, action)).toBe(expected);
  });
});

describe('isValueEditable', () => {
  it.each<{ status: ValueStatus; expected: boolean }>([
    { status: 'draft', expected: true },
    { status: 'returned', expected: true },
    { status: 'submitted', expected: false },
    { status: 'approved', expected: false },
  ])('$status: $expected', ({ status, expected }) => {
    expect(isValueEditable(status)).toBe(expected);
  });
});

describe('indicatorIssues', () => {
  it.each([
    { name: 'a number broken down by sex', i: { measure: 'number', disaggregations: ['sex'] }, expected: 0 },
    { name: 'a percentage without breakdown', i: { measure: 'percentage', disaggregations: [] }, expected: 0 },
    { name: 'a percentage broken down', i: { measure: 'percentage', disaggregations: ['sex'] }, expected: 1 },
    { name: 'a qualitative indicator broken down', i: { measure: 'qualitative', disaggregations: ['participantGroup'] }, expected: 1 },
  ])('$name gives $expected issue(s)', ({ i, expected }) => {
    expect(indicatorIssues(i)).toHaveLength(expected);
  });
});

describe('CreateIndicatorInput', () => {
  it('fills the defaults of a minimal indicator', () => {
    expect(CreateIndicatorInput.parse({ title: ' Forum participants ', measure: 'number' })).toMatchObject({
      title: 'Forum participants',
      outcomeId: null,
      outputId: null,
      direction: 'higher_is_better',
      aggregation: 'cumulative',
      frequency: 'annual',
      baseline: { value: null, year: null, comment: '' },
      target: { value: null, comment: '' },
      disaggregations: [],
    });
  });

  it.each([
    { name: 'an outcome and an output at once', input: { title: 'x', measure: 'number', outcomeId: 1, outputId: 2 }, path: 'outputId' },
    { name: 'a dimension twice', input: { title: 'x', measure: 'number', disaggregations: ['sex', 'sex'] }, path: 'disaggregations' },
    { name: 'an unknown field', input: { title: 'x', measure: 'number', code: '1.a' }, path: '' },
    { name: 'a non-finite target', input: { title: 'x', measure: 'number', target: { value: 1e13 } }, path: 'target.value' },
  ])('refuses $name', ({ input, path }) => {
    const result = CreateIndicatorInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('RecordValueInput', () => {
  it('fills missing disaggregation parts with null', () => {
    expect(RecordValueInput.parse({ value: 5, disaggregation: { sex: { women: 2 } } })).toStrictEqual({
      value: 5,
      disaggregation: { sex: { women: 2, men: null, other: null } },
      comment: '',
      complete: false,
    });
  });

  it.each([
    { name: 'a negative part', input: { value: 5, disaggregation: { sex: { women: -1 } } } },
    { name: 'an unknown participant group', input: { value: 5, disaggregation: { participantGroup: { youth: 1 } } } },
    { name: 'a zero denominator', input: { numerator: 1, denominator: 0 } },
    { name: 'a score of 6', input: { narrative: 'x', score: 6 } },
  ])('refuses $name', ({ input }) => {
    expect(RecordValueInput.safeParse(input).success).toBe(false);
  });
});
