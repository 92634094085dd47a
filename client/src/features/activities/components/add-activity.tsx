import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity } from '@shared/schemas/activity';
import type { Results } from '@shared/schemas/results';
import { Button } from '@/components/ui/button';
import { ActivityForm } from './activity-form';

type AddActivityProps = {
  projectId: number;
  framework: Results;
  outcomeId: number;
  label: string;
  onAdded?: (activity: Activity) => void;
};

/** A button that opens the short form for a new activity under an outcome. */
export function AddActivity({ projectId, framework, outcomeId, label, onAdded }: AddActivityProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button size="sm" onClick={() => setOpen(true)}>
        {label}
      </Button>
    );
  }
  return (
    <div className="inline-panel">
      <h4 className="subheading">{t('activities.newTitle')}</h4>
      <ActivityForm
        projectId={projectId}
        framework={framework}
        defaultPlacement={{ outcomeId, outputId: null }}
        compact
        onCancel={() => setOpen(false)}
        onSaved={(a) => {
          setOpen(false);
          onAdded?.(a);
        }}
      />
    </div>
  );
}
