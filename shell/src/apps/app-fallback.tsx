import type { Locale, Readable } from '@zhanye/contracts';
import { Button, Result } from 'antd';
import { useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { shellText } from '../shell.text.ts';
import { ShellProvider, useLocale } from '../shell-provider.tsx';

/** What an app's container shows when the app cannot load or mount. */
export interface AppFallback {
  show(container: HTMLElement): void;
  hide(): void;
}

export function createAppFallback(app: string, locale: Readable<Locale>, retry: () => void): AppFallback {
  let root: Root | null = null;
  let host: HTMLElement | null = null;
  return {
    show(container) {
      if (host?.parentElement === container) return;
      this.hide();
      host = document.createElement('div');
      container.replaceChildren(host);
      root = createRoot(host);
      root.render(<FallbackView app={app} locale={locale} retry={retry} />);
    },
    hide() {
      root?.unmount();
      host?.remove();
      root = null;
      host = null;
    },
  };
}

function FallbackView({ app, locale, retry }: { app: string; locale: Readable<Locale>; retry: () => void }) {
  const lang = useLocale(locale);
  const t = shellText[lang];
  const [retrying, setRetrying] = useState(false);
  return (
    <ShellProvider locale={lang}>
      <div data-testid={`app-fallback-${app}`}>
        <Result
          status="warning"
          title={t.appFailed}
          subTitle={t.appFailedHint}
          extra={
            <Button
              type="primary"
              loading={retrying}
              data-testid={`app-retry-${app}`}
              onClick={() => {
                setRetrying(true);
                retry();
              }}
            >
              {t.retry}
            </Button>
          }
        />
      </div>
    </ShellProvider>
  );
}
