import { Button, Upload } from 'antd';
import { useState } from 'react';
import { FILE_TYPES, type FileType, readUpload } from './bureau.resource.ts';
import { useBureauText } from './bureau.text.ts';

export type PickedFile = { filename: string; mime: FileType; base64: string };

/**
 * One file for a form (`Form.Item` value): checked here for type and size, sent as base64; the
 * server checks again (by the file's bytes).
 */
export function UploadField({
  value,
  onChange,
  'data-testid': testId,
}: {
  value?: PickedFile;
  onChange?: (v: PickedFile | undefined) => void;
  'data-testid'?: string;
}) {
  const { t } = useBureauText();
  const [error, setError] = useState<string>();
  return (
    <div>
      <Upload
        accept={FILE_TYPES.join(',')}
        maxCount={1}
        showUploadList={false}
        beforeUpload={(file) => {
          void readUpload(file).then((picked) => {
            if (picked === 'badType' || picked === 'tooLarge') {
              setError(t(picked === 'badType' ? 'file.badType' : 'file.tooLarge'));
              onChange?.(undefined);
            } else {
              setError(undefined);
              onChange?.(picked);
            }
          });
          return false; // sent with the form, not on its own
        }}
      >
        <Button data-testid={testId}>{t('file.pick')}</Button>
      </Upload>
      {value && <div style={{ marginTop: 8 }}>{value.filename}</div>}
      {error && <div style={{ marginTop: 8, color: 'var(--ant-color-error, #ff4d4f)' }}>{error}</div>}
    </div>
  );
}
