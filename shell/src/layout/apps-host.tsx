import { memo } from 'react';
import type { AppOutlet } from '../apps/app-outlet.ts';

/** Rendered once; from then on its children belong to the apps, never to React. */
export const AppsHost = memo(function AppsHost({ outlet }: { outlet: AppOutlet }) {
  return (
    <div
      id="zy-apps"
      ref={(el) => {
        if (el) outlet.attach(el);
      }}
    />
  );
});
