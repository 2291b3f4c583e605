import type { RemoteEntry } from '@zhanye/contracts';
import { Alert, Button } from 'antd';
import { clearDevOverrides } from '../session/dev-overrides.ts';
import type { ShellText } from '../shell.text.ts';

/** Always visible while an app runs from a developer's local build. */
export function DevOverrideBanner({ remotes, t }: { remotes: RemoteEntry[]; t: ShellText }) {
  const active = remotes.filter((r) => r.override);
  if (!active.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="dev-override-banner"
      title={t.devOverride(
        active
          .map((r) => `${r.app} → ${r.manifestUrl} (${new Date(r.override!.expiresAt).toLocaleString()})`)
          .join('; '),
      )}
      action={
        <Button
          size="small"
          onClick={() => {
            clearDevOverrides();
            location.reload();
          }}
        >
          {t.devOverrideClear}
        </Button>
      }
    />
  );
}
