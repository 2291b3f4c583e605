import { Link } from '@zhanye/app-kit/react';
import { Card } from 'antd';
import { useShell } from '../../lib/i18n.ts';
import { ApplicationForm } from './application.form.tsx';

/** `/credit/new?customerId=<id>`: the customer may come preselected from the customer 360 page. */
export function ApplicationNewPage({ customerId }: { customerId?: string }) {
  const { basePath, t } = useShell();
  return (
    <div data-testid="application-new-page">
      <Link to={basePath}>← {t('back')}</Link>
      <Card title={t('application.new')} style={{ marginTop: 12 }}>
        <ApplicationForm customerId={customerId} />
      </Card>
    </div>
  );
}
