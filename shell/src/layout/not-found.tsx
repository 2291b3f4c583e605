import { Button, Result } from 'antd';
import { navigateToUrl } from 'single-spa';
import type { ShellText } from '../shell.text.ts';

export function NotFound({ t }: { t: ShellText }) {
  return (
    <Result
      status="404"
      title={t.notFound}
      subTitle={t.notFoundHint}
      data-testid="workbench-not-found"
      extra={
        <Button type="primary" onClick={() => navigateToUrl('/')}>
          {t.backHome}
        </Button>
      }
    />
  );
}
