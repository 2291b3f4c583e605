import { useShowError } from '@zhanye/app-kit/react';
import type { FlowDetail, FlowOwner, FlowRelease } from '@zhanye/contracts';
import { Alert, App, Checkbox, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { changeCanary, publishVersion, rollback } from './flows.resource.ts';
import { useFlowsText } from './flows.text.ts';

/** A binding change of a flow's release, asked for with what will happen. */
export type ReleaseOp =
  | { kind: 'publish'; version: number }
  | { kind: 'canary'; version: number; percent: number }
  | { kind: 'promote'; version: number }
  | { kind: 'abort'; version: number }
  | { kind: 'rollback'; version: number };

/** The caller acts for its own owner: the union's staff (bank `*`) on the standard flows, a bank's on its own. */
export const ownerOf = (bankId: string): FlowOwner => (bankId === '*' ? 'union' : 'bank');

/**
 * Confirms a publish, canary change, promotion, abort or rollback: says which version will answer
 * whose decisions afterwards, takes a note for the release history, then does it.
 */
export function ReleaseModal({
  flow,
  op,
  onClose,
  onDone,
}: {
  flow: FlowDetail;
  op: ReleaseOp;
  onClose: () => void;
  onDone: (detail: FlowDetail) => void;
}) {
  const { api, user, t } = useFlowsText();
  const { message } = App.useApp();
  const owner = ownerOf(user.bankId);
  const release: FlowRelease | null = flow[owner];
  const stable = release?.stableVersion ?? null;
  const [asCanary, setAsCanary] = useState(false);
  const [percent, setPercent] = useState<number>(op.kind === 'canary' ? op.percent : 10);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [gate, setGate] = useState<string>();
  const showError = useShowError({
    SEPARATION_OF_DUTIES: t('publish.sod'),
    FORBIDDEN: t('error.forbidden'),
  });
  const ownerWords = t(`owner.${owner}`);
  const v = op.version;

  const title = {
    publish: t('publish.title', { version: v }),
    canary: t('canary.title', { version: v }),
    promote: t('promote.title', { version: v }),
    abort: t('abort.title', { version: v }),
    rollback: t('rollback.title', { version: v }),
  }[op.kind];

  const canStableSplit = stable !== null;
  const what = (() => {
    switch (op.kind) {
      case 'publish':
        return asCanary && canStableSplit
          ? t('publish.canaryContent', { percent, version: v, stable: stable ?? '' })
          : t('publish.content', {
              owner: ownerWords,
              version: v,
              replaces: stable !== null ? t('publish.replaces', { version: stable }) : '',
            });
      case 'canary':
        return t('publish.canaryContent', { percent, version: v, stable: stable ?? '' });
      case 'promote':
        return t('promote.content', { version: v, stable: stable ?? '' });
      case 'abort':
        return t('abort.content', { version: v, stable: stable ?? '' });
      case 'rollback':
        return t('rollback.content', {
          version: v,
          stable: stable ?? '',
          canary: release?.canaryVersion ? t('rollback.canary') : '',
        });
    }
  })();

  const submit = async () => {
    setBusy(true);
    setGate(undefined);
    try {
      let detail: FlowDetail;
      switch (op.kind) {
        case 'publish':
          detail = await publishVersion(api, {
            name: flow.name,
            version: v,
            note,
            ...(asCanary && canStableSplit ? { canaryPercent: percent } : {}),
          });
          message.success(t('publish.done', { version: v }));
          break;
        case 'canary':
          detail = await changeCanary(api, { name: flow.name, action: 'set', percent, note });
          message.success(t('canary.done', { percent }));
          break;
        case 'promote':
          detail = await changeCanary(api, { name: flow.name, action: 'promote', note });
          message.success(t('promote.done', { version: v }));
          break;
        case 'abort':
          detail = await changeCanary(api, { name: flow.name, action: 'abort', note });
          message.success(t('abort.done'));
          break;
        case 'rollback':
          detail = await rollback(api, { name: flow.name, toVersion: v, note });
          message.success(t('rollback.done', { version: v }));
          break;
      }
      onDone(detail);
    } catch (e) {
      const reason = (e as { reason?: string; message?: string }).reason;
      if (reason === 'PUBLISH_GATE') setGate((e as Error).message);
      else showError(e);
    } finally {
      setBusy(false);
    }
  };

  const danger = op.kind === 'abort' || op.kind === 'rollback';
  return (
    <Modal
      open
      title={title}
      okText={t(`action.${op.kind}`)}
      cancelText={t('cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ danger, ...({ 'data-testid': 'release-ok' } as object) }}
      destroyOnHidden
    >
      <div data-testid="release-modal">
        <Typography.Paragraph data-testid="release-what">{what}</Typography.Paragraph>
        <Form layout="vertical">
          {op.kind === 'publish' && canStableSplit && (
            <Form.Item>
              <Checkbox checked={asCanary} onChange={(e) => setAsCanary(e.target.checked)}>
                {t('publish.asCanary')}
              </Checkbox>
            </Form.Item>
          )}
          {((op.kind === 'publish' && asCanary && canStableSplit) || op.kind === 'canary') && (
            <Form.Item label={t('publish.percent')}>
              <InputNumber
                min={1}
                max={99}
                precision={0}
                value={percent}
                onChange={(n) => setPercent(n ?? 1)}
                data-testid="release-percent"
              />
            </Form.Item>
          )}
          <Form.Item label={op.kind === 'rollback' ? t('rollback.note') : t('field.note')}>
            <Input.TextArea
              rows={2}
              maxLength={200}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t('note.placeholder')}
              data-testid="release-note"
            />
          </Form.Item>
        </Form>
        {gate !== undefined && (
          <Alert
            type="error"
            showIcon
            title={t('publish.gate', { reason: gate })}
            data-testid="publish-gate"
          />
        )}
      </div>
    </Modal>
  );
}
