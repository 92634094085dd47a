import { useTranslation } from 'react-i18next';
import { Button } from './button';

type MoveButtonsProps = { label: string; isFirst: boolean; isLast: boolean; busy: boolean; onMove: (direction: -1 | 1) => void };

/** Up and down, named after the item so a screen reader knows what moves. */
export function MoveButtons({ label, isFirst, isLast, busy, onMove }: MoveButtonsProps) {
  const { t } = useTranslation();
  return (
    <span className="move-buttons">
      <Button size="sm" variant="ghost" disabled={isFirst || busy} onClick={() => onMove(-1)} aria-label={t('common.moveUpItem', { item: label })}>
        <span aria-hidden="true">↑</span>
      </Button>
      <Button size="sm" variant="ghost" disabled={isLast || busy} onClick={() => onMove(1)} aria-label={t('common.moveDownItem', { item: label })}>
        <span aria-hidden="true">↓</span>
      </Button>
    </span>
  );
}
