import { Modal } from 'antd';
import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { useShell } from './i18n.ts';

/**
 * Leave-with-unsaved-changes guard: in-app navigation (links, back/forward) asks first; closing or
 * reloading the tab gets the browser's own prompt.
 */
export function UnsavedGuard({ dirty }: { dirty: boolean }) {
  const { t } = useShell();
  const blocker = useBlocker(({ currentLocation, nextLocation }) =>
    dirty ? currentLocation.pathname !== nextLocation.pathname : false,
  );
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
  return (
    <Modal
      open={blocker.state === 'blocked'}
      title={t('unsaved.title')}
      okText={t('unsaved.leave')}
      cancelText={t('unsaved.stay')}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'unsaved-leave' } as object) }}
      onOk={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    >
      {t('unsaved.content')}
    </Modal>
  );
}
