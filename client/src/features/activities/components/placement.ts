import type { TFunction } from 'i18next';
import type { Results } from '@shared/schemas/results';

export type Placement = { outcomeId: number; outputId: number | null };
export type PlacementOption = Placement & { value: string; label: string };

export function placementValue(p: Placement): string {
  return `${p.outcomeId}:${p.outputId ?? ''}`;
}

export function parsePlacement(value: string): Placement | null {
  const m = /^(\d+):(\d*)$/.exec(value);
  if (!m) return null;
  return { outcomeId: Number(m[1]), outputId: m[2] ? Number(m[2]) : null };
}

/** Every place an activity can sit: directly under an outcome, or under one of its outputs. */
export function placementOptions(t: TFunction, framework: Results): PlacementOption[] {
  return framework.outcomes.flatMap((o) => [
    {
      outcomeId: o.id,
      outputId: null,
      value: placementValue({ outcomeId: o.id, outputId: null }),
      label: t('activities.placement.outcome', { code: o.code, title: o.title }),
    },
    ...o.outputs.map((out) => ({
      outcomeId: o.id,
      outputId: out.id,
      value: placementValue({ outcomeId: o.id, outputId: out.id }),
      label: t('activities.placement.output', { code: out.code, title: out.title }),
    })),
  ]);
}

/** The short code of where an activity sits, e.g. "1" or "1.2". */
export function placementCode(framework: Results | undefined, p: Placement): string | null {
  const outcome = framework?.outcomes.find((o) => o.id === p.outcomeId);
  if (!outcome) return null;
  if (p.outputId === null) return outcome.code;
  return outcome.outputs.find((o) => o.id === p.outputId)?.code ?? outcome.code;
}
