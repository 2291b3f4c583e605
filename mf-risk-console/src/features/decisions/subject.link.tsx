import { Link } from '@zhanye/app-kit/react';
import { Permissions } from '@zhanye/contracts';
import { useShell } from '../../lib/i18n.ts';

/**
 * What a decision was about, by name: `credit-application:<id>` is "授信申请", linked to the
 * application for whoever may read it. Other kinds of business show as such, never as a raw ref.
 */
export function SubjectLink({ subjectRef }: { subjectRef: string }) {
  const { t, can } = useShell();
  const [kind = '', id = ''] = subjectRef.split(/:(.*)/);
  const name = t.opt(`subject.${kind}`) ?? t('subject.other');
  if (kind === 'credit-application' && id && can(Permissions.applicationRead)) {
    return (
      <Link to={`/credit/${id}`} data-testid="decision-subject">
        {name}
      </Link>
    );
  }
  return <span data-testid="decision-subject">{name}</span>;
}
