import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useShell } from './i18n.ts';

export function NotFound() {
  const { t } = useShell();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('notFound')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('back')}
        </Button>
      }
    />
  );
}
