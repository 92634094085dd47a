import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DisableTotpInput, EnableTotpInput, type TotpSetup } from '@shared/schemas/security';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Input } from '@/components/ui/field';
import { Panel } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { FormActions } from '@/components/form/form-actions';
import { formatDateTime } from '@/lib/format';
import { useDisableTotp } from '../api/disable-totp';
import { useEnableTotp } from '../api/enable-totp';
import { useTotpStatus } from '../api/get-totp-status';
import { useSetupTotp } from '../api/setup-totp';
import { CopyButton } from './copy-button';
import { RecoveryCodesList } from './recovery-codes';

/** The secret in groups of four, easier to type into an app by hand. */
const groupSecret = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

function EnrolForm({ setup, onEnabled, onCancel }: { setup: TotpSetup; onEnabled: (codes: string[]) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const enable = useEnableTotp({ onSuccess: ({ recoveryCodes }) => onEnabled(recoveryCodes) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = EnableTotpInput.safeParse({ code });
    if (!parsed.success) {
      setFieldError(t('auth.totp.codeInvalid'));
      return;
    }
    setFieldError(undefined);
    enable.mutate(parsed.data, { onError: () => setCode('') });
  };

  return (
    <div className="totp-enrol">
      <ol className="totp-steps">
        <li>{t('security.totp.stepApp')}</li>
        <li>
          {t('security.totp.stepScan')}
          <div className="totp-qr-row">
            <img className="totp-qr" src={setup.qrDataUrl} alt={t('security.totp.qrAlt')} width={192} height={192} />
            <div className="totp-manual">
              <p className="small muted">{t('security.totp.manual')}</p>
              <p className="mono totp-secret" aria-label={t('security.totp.secretLabel')}>
                {groupSecret(setup.secret)}
              </p>
              <CopyButton text={setup.secret} />
            </div>
          </div>
        </li>
        <li>{t('security.totp.stepCode')}</li>
      </ol>
      <form className="form" onSubmit={submit} noValidate>
        {enable.isError ? <ErrorBanner error={enable.error} /> : null}
        <Field label={t('auth.totp.code')} error={fieldError} required>
          <Input
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            className="mono totp-input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </Field>
        <FormActions onCancel={onCancel} busy={enable.isPending}>
          {t('security.totp.confirm')}
        </FormActions>
      </form>
    </div>
  );
}

function DisableForm({ onCancel, onDisabled }: { onCancel: () => void; onDisabled: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ password?: string; code?: string }>({});
  const disable = useDisableTotp({ onSuccess: onDisabled });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = DisableTotpInput.safeParse({ password, code });
    if (!parsed.success) {
      const paths = new Set(parsed.error.issues.map((i) => String(i.path[0])));
      setErrors({
        password: paths.has('password') ? t('validation.required') : undefined,
        code: paths.has('code') ? t('security.totp.codeOrRecovery') : undefined,
      });
      return;
    }
    setErrors({});
    disable.mutate(parsed.data);
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>{t('security.totp.disableLead')}</p>
      {disable.isError ? <ErrorBanner error={disable.error} /> : null}
      <Field label={t('auth.password')} error={errors.password} required>
        <Input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <Field label={t('security.totp.codeOrRecoveryLabel')} error={errors.code} required>
        <Input autoComplete="one-time-code" className="mono" value={code} onChange={(e) => setCode(e.target.value)} />
      </Field>
      <FormActions onCancel={onCancel} busy={disable.isPending} danger>
        {t('security.totp.disable')}
      </FormActions>
    </form>
  );
}

/** The signed-in user's two-factor sign-in: set it up (QR code or typed secret), see the recovery codes once, turn it off. */
export function TwoFactorPanel() {
  const { t, i18n } = useTranslation();
  const status = useTotpStatus();
  const setup = useSetupTotp();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [disabling, setDisabling] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);

  const body = () => {
    if (recoveryCodes) {
      return (
        <RecoveryCodesList
          codes={recoveryCodes}
          onDone={() => {
            setRecoveryCodes(null);
            setFlash(t('security.totp.enabledDone'));
          }}
        />
      );
    }
    if (status.isPending) return <LoadingBlock label={t('common.loading')} />;
    if (status.isError) return <ErrorBanner error={status.error} onRetry={() => void status.refetch()} />;
    const s = status.data;
    if (s.enabled) {
      return (
        <>
          <p>
            <Badge tone="success">{t('security.totp.on')}</Badge>{' '}
            {s.enabledAt ? t('security.totp.since', { date: formatDateTime(s.enabledAt, i18n.language) }) : null}
          </p>
          <p className={s.recoveryCodesLeft <= 2 ? 'field-error' : 'muted'}>{t('security.totp.codesLeft', { count: s.recoveryCodesLeft })}</p>
          {s.required ? (
            <p className="muted">{t('security.totp.requiredCannotDisable')}</p>
          ) : disabling ? (
            <DisableForm
              onCancel={() => setDisabling(false)}
              onDisabled={() => {
                setDisabling(false);
                setFlash(t('security.totp.disabledDone'));
              }}
            />
          ) : (
            <Button variant="ghost" className="btn-danger-text" onClick={() => setDisabling(true)}>
              {t('security.totp.disable')}
            </Button>
          )}
        </>
      );
    }
    if (setup.data) {
      return (
        <EnrolForm
          setup={setup.data}
          onEnabled={(codes) => {
            setup.reset();
            setRecoveryCodes(codes);
          }}
          onCancel={() => setup.reset()}
        />
      );
    }
    return (
      <>
        <p>
          <Badge tone="muted">{t('security.totp.off')}</Badge>
        </p>
        <p>{t('security.totp.offLead')}</p>
        {setup.isError ? <ErrorBanner error={setup.error} /> : null}
        <Button
          variant="primary"
          busy={setup.isPending}
          onClick={() => {
            setFlash(null);
            setup.mutate();
          }}
        >
          {t('security.totp.setUp')}
        </Button>
      </>
    );
  };

  return (
    <Panel title={t('security.totp.title')} className="security-panel">
      {flash ? <Notice tone="success">{flash}</Notice> : null}
      {body()}
    </Panel>
  );
}
