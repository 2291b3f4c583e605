import { type AppRollout, platformApi, type RolloutRule } from '@zhanye/contracts';
import { Button, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { ShellPageProps } from '../../pages/shell-pages.ts';
import type { ReleasesText } from './releases.text.ts';
import type { Run } from './rollout.panel.tsx';

type Kind = RolloutRule['kind'];
interface Values {
  app: string;
  version?: string;
  kind: Kind;
  target?: string;
  percent?: number;
}
type Props = ShellPageProps & {
  t: ReleasesText;
  rollout: AppRollout;
  apps: AppRollout[];
  run: Run;
  onlyBank: string | null;
};

const KINDS: Kind[] = ['default', 'bank', 'role', 'percent'];

/**
 * Adds an activation rule: which version, for whom (everyone, a bank, a role, a share of users).
 * A bank's release manager adds only a rule for their own bank.
 */
export function RuleForm({ api, t, rollout, apps, run, onlyBank, user }: Props) {
  const [form] = Form.useForm<Values>();
  const app = Form.useWatch('app', form) ?? rollout.app;
  const first: Kind = onlyBank === null ? 'default' : 'bank';
  const kind = Form.useWatch('kind', form) ?? first;
  const kinds = onlyBank === null ? KINDS : (['bank'] as Kind[]);
  const versions = (apps.find((a) => a.app === app)?.releases ?? []).map((r) => r.version);
  const required = [{ required: true, message: t.required }];

  async function submit(v: Values) {
    const ok = await run(
      () =>
        api.call(platformApi.createRule, {
          app: v.app,
          version: v.version ?? '',
          kind: v.kind,
          target: onlyBank ?? (v.kind === 'bank' || v.kind === 'role' ? (v.target ?? null) : null),
          percent: v.kind === 'percent' ? (v.percent ?? null) : null,
        }),
      (rule) => (rule.state === 'pending_approval' ? t.rulePending : t.ruleAdded),
    );
    if (ok) form.resetFields(['version', 'target', 'percent']);
  }

  return (
    <Form<Values>
      form={form}
      layout="inline"
      data-testid="rule-form"
      initialValues={{ app: rollout.app, kind: first }}
      onFinish={submit}
      onValuesChange={(changed: Partial<Values>) => {
        if ('app' in changed) form.setFieldValue('version', undefined);
      }}
      style={{ rowGap: 12 }}
    >
      <Form.Item name="app" label={t.app} rules={required}>
        <Select
          data-testid="rule-app"
          style={{ minWidth: 160 }}
          options={apps.map((a) => ({ value: a.app, label: a.app }))}
        />
      </Form.Item>
      <Form.Item name="version" label={t.version} rules={required}>
        <Select
          data-testid="rule-version"
          style={{ minWidth: 120 }}
          options={versions.map((v) => ({ value: v, label: v }))}
        />
      </Form.Item>
      <Form.Item name="kind" label={t.kind} rules={required}>
        <Radio.Group
          data-testid="rule-kind"
          optionType="button"
          options={kinds.map((k) => ({ value: k, label: t.kinds[k] }))}
        />
      </Form.Item>
      {onlyBank !== null ? (
        <Form.Item label={t.targetBank}>
          <Input data-testid="rule-target" style={{ width: 160 }} value={user.bankName} disabled />
        </Form.Item>
      ) : (
        (kind === 'bank' || kind === 'role') && (
          <Form.Item name="target" label={kind === 'bank' ? t.targetBank : t.targetRole} rules={required}>
            <Input data-testid="rule-target" style={{ width: 160 }} />
          </Form.Item>
        )
      )}
      {kind === 'percent' && (
        <Form.Item name="percent" label={t.percent} rules={required}>
          <InputNumber data-testid="rule-percent" min={1} max={99} precision={0} suffix="%" />
        </Form.Item>
      )}
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid="rule-submit">
          {t.submit}
        </Button>
      </Form.Item>
    </Form>
  );
}
