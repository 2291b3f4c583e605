import { useShowError } from '@zhanye/app-kit/react';
import { type FlowVersion, type JdmContent, Permissions } from '@zhanye/contracts';
import { Alert, App, Button, Flex, Form, Input, Modal, Spin } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { JdmGraph } from './editor/jdm.loader.ts';
import { createVersion } from './flows.resource.ts';
import { useFlowsText } from './flows.text.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * 编辑: the version's graph in GoRules' JDM editor. Stored versions never change: saving the edits
 * makes a new draft version (with this version's test cases and features) and opens it.
 */
export function EditTab({
  version,
  edited,
  onEdit,
}: {
  version: FlowVersion;
  edited: JdmContent | undefined;
  onEdit: (content: JdmContent | undefined) => void;
}) {
  const { api, can, t } = useFlowsText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const mayEdit = can(Permissions.flowEdit);
  const [resets, setResets] = useState(0);
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<number>();

  // leave for the new version only once the unsaved guard knows there is nothing unsaved
  useEffect(() => {
    if (saved !== undefined && edited === undefined)
      navigate(`/flows/${version.name}/versions/${saved}?tab=cases`);
  }, [saved, edited, navigate, version.name]);

  const save = async () => {
    if (!edited) return;
    setSaving(true);
    try {
      const v = await createVersion(api, {
        name: version.name,
        content: edited,
        note,
        features: version.features,
        casesFrom: version.version,
      });
      message.success(t('edit.saved', { version: v.version }));
      setAsking(false);
      onEdit(undefined);
      setSaved(v.version);
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={12} data-testid="edit-tab">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Alert
          type="info"
          showIcon
          title={mayEdit ? t('edit.readonly') : t('edit.noPermission')}
          style={{ flex: 1 }}
        />
        {mayEdit && (
          <Flex gap={8}>
            <Button
              disabled={!edited}
              onClick={() => {
                onEdit(undefined);
                setResets((n) => n + 1);
              }}
              data-testid="edit-reset"
            >
              {t('edit.reset')}
            </Button>
            <Button type="primary" disabled={!edited} onClick={() => setAsking(true)} data-testid="edit-save">
              {t('edit.save')}
            </Button>
          </Flex>
        )}
      </Flex>
      <Suspense
        fallback={
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin tip={t('edit.loading')} />
          </Flex>
        }
      >
        <JdmGraph
          key={resets}
          value={(edited ?? version.content) as never}
          height={640}
          onChange={
            mayEdit
              ? (g) => onEdit(same(g, version.content) ? undefined : (g as unknown as JdmContent))
              : undefined
          }
        />
      </Suspense>
      <Modal
        open={asking}
        title={t('edit.save')}
        okText={t('edit.save')}
        cancelText={t('cancel')}
        confirmLoading={saving}
        onOk={save}
        onCancel={() => setAsking(false)}
        okButtonProps={{ ...({ 'data-testid': 'edit-save-ok' } as object) }}
      >
        <Form layout="vertical">
          <Form.Item label={t('edit.note')}>
            <Input.TextArea
              rows={3}
              maxLength={200}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="edit-note"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
