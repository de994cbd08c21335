// 前へ / 次へ for a paged list (the API's `page`, `per_page`, `total`): one component for every list.
import { t } from '../i18n';

export function Pager({
  page,
  perPage,
  total,
  onPage,
  testid,
}: {
  page: number;
  perPage: number;
  total: number;
  onPage: (page: number) => void;
  testid?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t('common.pages')} data-testid={testid}>
      <button type="button" class="btn btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('common.prev')}
      </button>
      <span>{t('common.page_of', { page, pages })}</span>
      <button type="button" class="btn btn-small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </button>
    </nav>
  );
}
