// The console's poll list: search by title, filter by status, page through.
import { api, el, showMessage, typeNames, formatTime, t } from '../common.js';
import { consoleHeader, showPager, statusNames } from './shared.js';

const SIZE = 20;
const form = document.getElementById('filters');
const rows = document.getElementById('poll-rows');
const message = document.getElementById('message');
const params = new URLSearchParams(location.search);
let page = Number(params.get('page') || 0);
document.getElementById('q').value = params.get('q') || '';
document.getElementById('status').value = params.get('status') || '';

consoleHeader().catch(() => {});

async function show() {
  const query = new URLSearchParams({ page, size: SIZE });
  const q = document.getElementById('q').value.trim();
  const status = document.getElementById('status').value;
  if (q) query.set('q', q);
  if (status) query.set('status', status);
  try {
    const result = await api(`/polls?${query}`);
    rows.replaceChildren(...result.items.map((poll) => el('tr', {},
      el('th', { scope: 'row' }, el('a', { href: `/console/poll.html?poll=${encodeURIComponent(poll.id)}` }, poll.title)),
      el('td', {}, typeNames[poll.type] || poll.type),
      el('td', {}, statusNames[poll.status] || poll.status),
      el('td', {}, poll.createdBy),
      el('td', {}, formatTime(poll.createdAt)))));
    if (result.items.length === 0) rows.append(el('tr', {}, el('td', { colspan: '5' }, t('console.polls.none'))));
    showPager(result, page, SIZE, 'console.polls.count');
    message.replaceChildren();
  } catch (problem) {
    showMessage(message, 'error', problem.message);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  page = 0;
  const query = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (value) query.set(name, value);
  history.replaceState(null, '', `?${query}`);
  show();
});
document.getElementById('previous').addEventListener('click', () => { page -= 1; show(); });
document.getElementById('next').addEventListener('click', () => { page += 1; show(); });
show();
