// The audit trail viewer: entries by actor, action and time, newest first, and the chain's verification.
import { api, el, showMessage, formatTime, t } from '../common.js';
import { consoleHeader, showPager } from './shared.js';

const SIZE = 50;
const form = document.getElementById('filters');
const message = document.getElementById('message');
let page = 0;

consoleHeader().catch(() => {});

const instant = (value) => (value ? new Date(value).toISOString() : '');

async function show() {
  const query = new URLSearchParams({ page, size: SIZE });
  for (const name of ['actor', 'action']) {
    const value = document.getElementById(name).value.trim();
    if (value) query.set(name, value);
  }
  for (const name of ['from', 'to']) {
    const value = instant(document.getElementById(name).value);
    if (value) query.set(name, value);
  }
  try {
    const result = await api(`/admin/audit?${query}`);
    document.getElementById('entries').replaceChildren(...result.items.map((entry) => el('tr', {},
      el('td', { class: 'number' }, String(entry.seq)), // an entry's number, not a quantity
      el('td', {}, formatTime(entry.at)),
      el('td', {}, entry.actor),
      el('td', {}, entry.action),
      el('td', {}, entry.target || ''),
      el('td', {}, entry.detail || ''))));
    if (result.items.length === 0) {
      document.getElementById('entries').append(el('tr', {}, el('td', { colspan: '6' }, t('console.audit.none'))));
    }
    showPager(result, page, SIZE, 'console.audit.count');
    message.replaceChildren();
  } catch (problem) {
    showMessage(message, 'error', problem.status === 403 ? t('console.audit.admins-only') : problem.message);
  }
}

form.addEventListener('submit', (event) => { event.preventDefault(); page = 0; show(); });
document.getElementById('previous').addEventListener('click', () => { page -= 1; show(); });
document.getElementById('next').addEventListener('click', () => { page += 1; show(); });
document.getElementById('verify').addEventListener('click', async () => {
  const verdict = document.getElementById('verdict');
  try {
    const result = await api('/admin/audit/verification');
    if (result.intact) {
      showMessage(verdict, 'success', t('console.audit.intact', { count: result.entries }));
    } else {
      showMessage(verdict, 'error', t('console.audit.broken', { seq: String(result.firstBrokenSeq), reason: result.reason }));
    }
  } catch (problem) {
    showMessage(verdict, 'error', problem.message);
  }
});
show();
