import { App } from 'antd';
import { type ReactNode, useCallback } from 'react';

export interface ConfirmOptions {
  /** The question, naming the action and its object: 「批准钱丽华的授信申请？」 */
  title: string;
  /** What will happen, in a sentence or two (and whether it can be undone). */
  content: ReactNode;
  okText: string;
  cancelText: string;
  /** A refusal, a removal: the confirming button is red. */
  danger?: boolean;
}

/**
 * Asks before a binding action (approve, reject, submit, remove): resolves true when confirmed.
 * The dialog's buttons carry the test ids `confirm-ok` and `confirm-cancel`.
 */
export function useConfirm() {
  const { modal } = App.useApp();
  return useCallback(
    ({ title, content, okText, cancelText, danger = false }: ConfirmOptions) =>
      new Promise<boolean>((resolve) => {
        modal.confirm({
          title,
          content,
          okText,
          cancelText,
          okButtonProps: { danger, ...({ 'data-testid': 'confirm-ok' } as object) },
          cancelButtonProps: { ...({ 'data-testid': 'confirm-cancel' } as object) },
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
      }),
    [modal],
  );
}
