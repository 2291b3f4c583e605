import { Button, Result, Spin } from 'antd';
import { Component, lazy, type ReactNode, Suspense, useState } from 'react';
import type { ShellText } from '../shell.text.ts';
import type { ShellPageModule, ShellPageProps } from './shell-pages.ts';

interface Props {
  load: () => Promise<ShellPageModule>;
  page: ShellPageProps;
  t: ShellText;
}

/** Renders a shell page: its chunk is fetched on first use; a failed fetch offers a retry. */
export function ShellPageOutlet({ load, page, t }: Props) {
  const [attempt, setAttempt] = useState(0);
  return (
    <PageBoundary key={attempt} t={t} onRetry={() => setAttempt((n) => n + 1)}>
      <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
        <LazyPage load={load} page={page} />
      </Suspense>
    </PageBoundary>
  );
}

function LazyPage({ load, page }: { load: Props['load']; page: ShellPageProps }) {
  // one lazy component per attempt: React.lazy remembers a failed import for good
  const [Page] = useState(() => lazy(load));
  return <Page {...page} />;
}

class PageBoundary extends Component<
  { t: ShellText; onRetry(): void; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error('[shell] page failed', error);
  }

  override render() {
    const { t, onRetry, children } = this.props;
    if (!this.state.failed) return children;
    return (
      <Result
        status="warning"
        title={t.appFailed}
        subTitle={t.appFailedHint}
        data-testid="shell-page-fallback"
        extra={
          <Button type="primary" data-testid="shell-page-retry" onClick={onRetry}>
            {t.retry}
          </Button>
        }
      />
    );
  }
}
