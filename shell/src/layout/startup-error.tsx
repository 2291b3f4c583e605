import type { Locale } from '@zhanye/contracts';
import { Button, Result } from 'antd';
import { shellText } from '../shell.text.ts';
import { ShellProvider } from '../shell-provider.tsx';

/** Shown when the workbench cannot learn who is signed in (anything but a 401). */
export function StartupError({ locale }: { locale: Locale }) {
  const t = shellText[locale];
  return (
    <ShellProvider locale={locale}>
      <Result
        status="error"
        title={t.startFailed}
        subTitle={t.startFailedHint}
        data-testid="workbench-start-error"
        extra={
          <Button type="primary" onClick={() => location.reload()}>
            {t.reload}
          </Button>
        }
      />
    </ShellProvider>
  );
}
