import { ErrorAlert } from '@zhanye/app-kit/react/errors';
import { useLoad } from '@zhanye/app-kit/use-load';
import { accountApi, type MfaSetup } from '@zhanye/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Image,
  Input,
  Modal,
  Radio,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { CommonText } from '../admin/common/common.text.ts';
import { useRun } from '../admin/common/use-run.ts';
import type { ShellPageProps } from '../pages/shell-pages.ts';
import type { AccountText } from './account.text.ts';

type Props = ShellPageProps & { t: AccountText; c: CommonText };
const codeRules = (t: AccountText) => [{ required: true, pattern: /^\d{6}$/, message: t.codeInvalid }];

/**
 * MFA: status; enrolment (QR code and secret, confirmed with a code) after a proof (the password
 * for a first setup, the current code or a recovery code to bind another authenticator), then the
 * ten recovery codes, shown once with copy and download; new recovery codes on a current code.
 */
export function MfaPanel({ api, t, c }: Props) {
  const status = useLoad((signal) => api.call(accountApi.mfaStatus, {}, { signal }), [api]);
  const [setup, setSetup] = useState<MfaSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [regenerating, setRegenerating] = useState(false);
  const [proving, setProving] = useState(false);
  const { run, failure, clear } = useRun(c);
  const [form] = Form.useForm<{ code: string }>();
  const s = status.data;

  /** The setup, once the proof was accepted (`false`: refused, the dialog stays open). */
  async function start(proof: Proof): Promise<boolean> {
    const next = await run(() => api.call(accountApi.startMfa, proof), { done: t.scan.split('，')[0] });
    if (next) setSetup(next);
    return next !== undefined;
  }

  async function confirm({ code }: { code: string }) {
    const result = await run(() => api.call(accountApi.confirmMfa, { code }), { form, done: t.mfaEnabled });
    if (!result) return;
    setSetup(null);
    setCodes(result.recoveryCodes);
    status.reload();
  }

  return (
    <Card title={t.mfa} data-testid="account-mfa">
      <ErrorAlert
        error={failure ?? status.error}
        locale={c.locale}
        data-testid="admin-error"
        onClose={failure ? clear : undefined}
      />
      {s && (
        <Flex vertical gap={12}>
          <Space wrap>
            <Tag
              color={s.enabled ? 'success' : 'default'}
              data-testid="mfa-status"
              data-enabled={String(s.enabled)}
            >
              {s.enabled ? t.mfaOn : t.mfaOff}
            </Tag>
            {s.enabled && (
              <Typography.Text type="secondary">{t.codesLeft(s.recoveryCodesLeft)}</Typography.Text>
            )}
          </Space>
          {s.required && !s.enabled && <Alert type="warning" showIcon title={t.mfaRequired} />}
          {!setup && !codes && (
            <Space wrap>
              <Button
                type={s.enabled ? 'default' : 'primary'}
                data-testid="mfa-start"
                onClick={() => setProving(true)}
              >
                {s.enabled ? t.rebind : t.setUp}
              </Button>
              {s.enabled && (
                <Button data-testid="mfa-regenerate" onClick={() => setRegenerating(true)}>
                  {t.regenerate}
                </Button>
              )}
            </Space>
          )}
        </Flex>
      )}
      {setup && (
        <Flex gap={24} wrap style={{ marginTop: 16 }} data-testid="mfa-setup">
          <Image
            src={setup.qrDataUrl}
            width={180}
            height={180}
            preview={false}
            alt="QR"
            data-testid="mfa-qr"
          />
          <Flex vertical gap={8} style={{ flex: '1 1 280px' }}>
            <Typography.Text>{t.scan}</Typography.Text>
            <Typography.Text code copyable data-testid="mfa-secret">
              {setup.secret}
            </Typography.Text>
            <Form form={form} layout="inline" onFinish={(v) => void confirm(v)} style={{ rowGap: 8 }}>
              <Form.Item name="code" rules={codeRules(t)}>
                <Input
                  placeholder={t.code}
                  inputMode="numeric"
                  maxLength={6}
                  autoComplete="one-time-code"
                  data-testid="mfa-code"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" data-testid="mfa-confirm">
                {t.confirm}
              </Button>
              <Button data-testid="mfa-cancel" onClick={() => setSetup(null)}>
                {t.cancel}
              </Button>
            </Form>
          </Flex>
        </Flex>
      )}
      {codes && <RecoveryCodes codes={codes} t={t} onDone={() => setCodes(null)} />}
      {proving && s && (
        <ProveIt
          t={t}
          enabled={s.enabled}
          prove={async (proof) => {
            const accepted = await start(proof);
            if (accepted) setProving(false);
            return accepted;
          }}
          onCancel={() => setProving(false)}
        />
      )}
      {regenerating && (
        <Regenerate
          {...{ api, t }}
          run={run}
          onClose={(fresh) => {
            setRegenerating(false);
            if (fresh) {
              setCodes(fresh);
              status.reload();
            }
          }}
        />
      )}
    </Card>
  );
}

type Proof = { code: string } | { recoveryCode: string } | { currentPassword: string };
interface ProofValues {
  by: 'code' | 'recoveryCode';
  code?: string;
  recoveryCode?: string;
  currentPassword?: string;
}

/**
 * The proof asked before a second factor is set up: the password for a first setup; with MFA on,
 * a current code or a recovery code. A refused proof is said next to its field.
 */
function ProveIt({
  t,
  enabled,
  prove,
  onCancel,
}: {
  t: AccountText;
  enabled: boolean;
  prove(proof: Proof): Promise<boolean>;
  onCancel(): void;
}) {
  const [form] = Form.useForm<ProofValues>();
  const by = Form.useWatch('by', form) ?? 'code';
  const submit = async (v: ProofValues) => {
    const field = !enabled ? 'currentPassword' : v.by;
    const proof: Proof = !enabled
      ? { currentPassword: v.currentPassword ?? '' }
      : v.by === 'code'
        ? { code: v.code ?? '' }
        : { recoveryCode: v.recoveryCode ?? '' };
    // the server's refusal is said next to the field, in the user's language
    if (!(await prove(proof))) form.setFields([{ name: field, errors: [t.proofWrong] }]);
  };
  return (
    <Modal
      open
      title={t.proveTitle}
      okText={t.continue}
      cancelText={t.cancel}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'mfa-prove-submit' }}
    >
      <Typography.Paragraph>{enabled ? t.proveFactor : t.provePassword}</Typography.Paragraph>
      <Form form={form} initialValues={{ by: 'code' }} onFinish={(v) => void submit(v)}>
        {enabled ? (
          <>
            <Form.Item name="by">
              <Radio.Group
                optionType="button"
                data-testid="mfa-prove-by"
                options={[
                  { value: 'code', label: t.byCode },
                  { value: 'recoveryCode', label: t.byRecovery },
                ]}
              />
            </Form.Item>
            {by === 'code' ? (
              <Form.Item name="code" rules={codeRules(t)}>
                <Input
                  placeholder={t.code}
                  inputMode="numeric"
                  maxLength={6}
                  autoComplete="one-time-code"
                  data-testid="mfa-prove-code"
                />
              </Form.Item>
            ) : (
              <Form.Item
                name="recoveryCode"
                rules={[
                  {
                    required: true,
                    pattern: /^[A-Za-z0-9]{4,5}-?[A-Za-z0-9]{4,5}$/,
                    message: t.recoveryInvalid,
                  },
                ]}
              >
                <Input placeholder={t.recoveryCode} autoComplete="off" data-testid="mfa-prove-recovery" />
              </Form.Item>
            )}
          </>
        ) : (
          <Form.Item
            name="currentPassword"
            label={t.currentPassword}
            rules={[{ required: true, message: t.required }]}
          >
            <Input.Password autoComplete="current-password" data-testid="mfa-prove-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function RecoveryCodes({ codes, t, onDone }: { codes: string[]; t: AccountText; onDone(): void }) {
  const { message } = App.useApp();
  const text = codes.join('\n');
  return (
    <Flex vertical gap={12} style={{ marginTop: 16 }} data-testid="recovery-codes">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t.codesTitle}
      </Typography.Title>
      <Alert type="info" showIcon title={t.codesHint} />
      <pre data-testid="recovery-codes-list" style={{ columns: 2, maxWidth: 360, fontSize: 14, margin: 0 }}>
        {text}
      </pre>
      <Space wrap>
        <Button
          data-testid="recovery-copy"
          onClick={() =>
            void navigator.clipboard.writeText(text).then(
              () => message.success(t.copied),
              () => undefined,
            )
          }
        >
          {t.copy}
        </Button>
        <Button
          data-testid="recovery-download"
          onClick={() => {
            const url = URL.createObjectURL(new Blob([`${text}\n`], { type: 'text/plain;charset=utf-8' }));
            const a = document.createElement('a');
            a.href = url;
            a.download = 'zhanye-recovery-codes.txt';
            a.click();
            setTimeout(() => URL.revokeObjectURL(url), 1000);
          }}
        >
          {t.download}
        </Button>
        <Button type="primary" data-testid="recovery-done" onClick={onDone}>
          {t.saved}
        </Button>
      </Space>
    </Flex>
  );
}

function Regenerate({
  api,
  t,
  run,
  onClose,
}: Pick<Props, 'api' | 't'> & {
  run: ReturnType<typeof useRun>['run'];
  onClose(codes: string[] | null): void;
}) {
  const [form] = Form.useForm<{ code: string }>();
  return (
    <Modal
      open
      title={t.regenerate}
      okText={t.regenerate}
      cancelText={t.cancel}
      onOk={() => form.submit()}
      onCancel={() => onClose(null)}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'mfa-regenerate-submit' }}
    >
      <Typography.Paragraph>{t.regenerateHint}</Typography.Paragraph>
      <Form
        form={form}
        onFinish={async ({ code }) => {
          const result = await run(() => api.call(accountApi.regenerateRecoveryCodes, { code }), { form });
          if (result) onClose(result.recoveryCodes);
        }}
      >
        <Form.Item name="code" rules={codeRules(t)}>
          <Input placeholder={t.code} inputMode="numeric" maxLength={6} data-testid="mfa-regenerate-code" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
