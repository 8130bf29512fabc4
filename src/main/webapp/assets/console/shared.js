// What the console's pages share: the confirmation dialog's behaviour (<ip-confirm> draws it), file downloads.
import { signedInHeader, t } from '../common.js';

/** Fills the header; hides Operations from authors, who may not see them. */
export async function consoleHeader() {
  const me = await signedInHeader();
  if (!me.roles.includes('admin')) {
    document.getElementById('operations-link').hidden = true;
    document.getElementById('audit-link').hidden = true;
  }
  return me;
}

/** Asks before a consequential action; resolves true when confirmed. Uses the page's <ip-confirm> dialog. */
export function confirmAction(text, confirmLabel) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = confirmLabel;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
  });
}

/** Offers text as a file download. */
export function download(filename, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Fills a list page's pager (#page-info, #previous, #next) for a page of results. */
export function showPager(result, page, size, countKey) {
  const pages = Math.max(1, Math.ceil(result.total / size));
  document.getElementById('page-info').textContent = t('pager.info', {
    page: page + 1, pages, items: t(countKey, { count: result.total }),
  });
  document.getElementById('previous').disabled = page === 0;
  document.getElementById('next').disabled = page + 1 >= pages;
}

export const statusNames = Object.fromEntries(['DRAFT', 'OPEN', 'CLOSED', 'ARCHIVED']
  .map((status) => [status, t(`status.${status}`)]));
