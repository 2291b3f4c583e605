import { useShowError } from '@zhanye/app-kit/react';
import { type CreditApplication, isApiError } from '@zhanye/contracts';
import { App, Button, Space } from 'antd';
import { useMemo, useState } from 'react';
import { runStep, STEP_ACTIONS, type StepAction } from '../../lib/credit.api.ts';
import { errorReasons } from '../../lib/words.ts';
import { useShell } from './applications.text.ts';
import { StepModal } from './step.modal.tsx';

/** The version the page read (the service's optimistic lock: 409 CONCURRENT_UPDATE once it moved on). */
export const versionOf = (a: CreditApplication): number => a.version;

const PRIMARY: ReadonlySet<StepAction> = new Set([
  'submit',
  'admit',
  'submitInvestigation',
  'confirmInvestigation',
  'complete',
  'pass',
  'approve',
]);

/**
 * A button for each action the caller may take now (`application.actions`), nothing else. Steps
 * confirm in a dialog (with the comment); a stale version (409 CONCURRENT_UPDATE) is said and the
 * application reloaded. `edit`, `investigate` and `queryBureau` open their forms through `onOpen`.
 */
export function ApplicationActions({
  application: a,
  onChanged,
  onStale,
  onOpen,
}: {
  application: CreditApplication;
  onChanged(a: CreditApplication): void;
  onStale(): void;
  onOpen(form: 'edit' | 'investigate' | 'queryBureau'): void;
}) {
  const { api, t } = useShell();
  const { message } = App.useApp();
  const reasons = useMemo(() => errorReasons(t), [t]);
  const showError = useShowError(reasons);
  const [pending, setPending] = useState<StepAction>();
  const steps = STEP_ACTIONS.filter((s) => a.actions.includes(s));

  const confirm = async (action: StepAction, comment: string) => {
    try {
      const next = await runStep(api, action, { id: a.id, version: versionOf(a) }, comment);
      setPending(undefined);
      message.success(t('done', { action: t(`action.${action}`) }));
      onChanged(next);
    } catch (e) {
      showError(e);
      if (isApiError(e) && (e.status === 409 || e.status === 404)) {
        setPending(undefined);
        onStale();
      }
    }
  };

  return (
    <Space wrap data-testid="application-actions">
      {(['edit', 'investigate', 'queryBureau'] as const)
        .filter((f) => a.actions.includes(f))
        .map((f) => (
          <Button key={f} data-testid={`application-${f}`} onClick={() => onOpen(f)}>
            {t(`action.${f}`)}
          </Button>
        ))}
      {steps.map((s) => (
        <Button
          key={s}
          data-testid={`application-${s}`}
          type={PRIMARY.has(s) ? 'primary' : 'default'}
          danger={s === 'reject' || s === 'refuseAdmission'}
          onClick={() => setPending(s)}
        >
          {t(`action.${s}`)}
        </Button>
      ))}
      {pending && (
        <StepModal
          action={pending}
          application={a}
          onCancel={() => setPending(undefined)}
          onConfirm={(comment) => confirm(pending, comment)}
        />
      )}
    </Space>
  );
}
