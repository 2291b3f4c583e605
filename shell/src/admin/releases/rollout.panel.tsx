import { ErrorAlert } from '@zhanye/app-kit/react/errors';
import { useLoad } from '@zhanye/app-kit/use-load';
import { type AppRollout, platformApi } from '@zhanye/contracts';
import { Alert, App, Empty, Spin, Tabs, Typography } from 'antd';
import { useCallback, useState } from 'react';
import type { ShellPageProps } from '../../pages/shell-pages.ts';
import { AppRolloutView } from './app-rollout.tsx';
import type { ReleasesText } from './releases.text.ts';

/** Runs one admin action: success message, or the error shown above; then reloads. */
export type Run = <T>(action: () => Promise<T>, done?: (result: T) => string) => Promise<boolean>;

/** 版本发布: one tab per app. Every action reloads the whole picture (rules interact). */
export function RolloutPanel(props: ShellPageProps & { t: ReleasesText }) {
  const { api, t, locale } = props;
  const { message } = App.useApp();
  const rollout = useLoad((signal) => api.call(platformApi.rollout, {}, { signal }), [api]);
  const [failure, setFailure] = useState<unknown>(null);
  const [active, setActive] = useState<string>();
  const { reload } = rollout;

  const run = useCallback<Run>(
    async (action, done) => {
      setFailure(null);
      try {
        const result = await action();
        message.success(done ? done(result) : t.done);
        return true;
      } catch (error) {
        setFailure(error);
        return false;
      } finally {
        reload();
      }
    },
    [message, reload, t],
  );

  const apps: AppRollout[] = rollout.data?.apps ?? [];
  // a bank's release manager: their bank's rules only (the server says so, and enforces it)
  const onlyBank = rollout.data?.onlyBank ?? null;
  const error = failure ?? rollout.error;
  return (
    <>
      {onlyBank !== null && (
        <Alert
          type="info"
          showIcon
          title={t.bankOnly(props.user.bankName)}
          data-testid="releases-bank-only"
          style={{ marginBottom: 16 }}
        />
      )}
      {error !== null && error !== undefined && (
        <ErrorAlert
          error={error}
          locale={locale}
          data-testid="releases-error"
          onClose={failure ? () => setFailure(null) : undefined}
        />
      )}
      {rollout.loading && !rollout.data && <Spin style={{ display: 'block', margin: '32px auto' }} />}
      {rollout.data && apps.length === 0 && <Empty description={t.noApps} />}
      {apps.length > 0 && (
        <Tabs
          type="card"
          size="small"
          activeKey={active && apps.some((a) => a.app === active) ? active : apps[0]!.app}
          onChange={setActive}
          items={apps.map((a) => ({
            key: a.app,
            label: (
              <Typography.Text code data-testid={`releases-app-${a.app}`}>
                {a.app}
              </Typography.Text>
            ),
            children: <AppRolloutView {...props} rollout={a} apps={apps} run={run} onlyBank={onlyBank} />,
          }))}
        />
      )}
    </>
  );
}
