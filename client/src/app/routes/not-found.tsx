import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../paths';

export function NotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="page not-found">
      <p className="page-eyebrow">404</p>
      <h1 className="page-title">{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to={paths.projects}>{t('errors.backHome')}</Link>
      </p>
    </div>
  );
}

export { NotFound as Component };
