import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';

/** Copies text to the clipboard and says so; says so too when the browser refuses. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <span className="copy-button">
      <Button size="sm" onClick={() => void copy()}>
        {label ?? t('security.copy')}
      </Button>
      <span role="status" className="small muted">
        {state === 'copied' ? t('security.copied') : state === 'failed' ? t('security.copyFailed') : ''}
      </span>
    </span>
  );
}
