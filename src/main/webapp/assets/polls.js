// "My polls": the open polls the caller may vote in (and whether it has), and closed ones with results.
import { api, el, showMessage, signedInHeader, typeNames, formatTime } from './common.js';

const me = await signedInHeader().catch(() => null);
const presenter = me && (me.roles.includes('author') || me.roles.includes('admin'));

async function receiptFor(poll) {
  try {
    return await api(`/polls/${encodeURIComponent(poll.id)}/votes/mine`);
  } catch (problem) {
    return null; // 404: not voted yet
  }
}

function pollItem(poll, receipt) {
  const id = encodeURIComponent(poll.id);
  const open = poll.status === 'OPEN';
  const actions = [];
  if (open) {
    actions.push(el('a', { href: `/app/vote.html?poll=${id}`, class: 'button' },
      receipt ? (poll.allowVoteChange ? 'Change my vote' : 'See my vote') : 'Vote'));
  }
  actions.push(el('a', { href: `/app/results.html?poll=${id}` }, 'Results'));
  if (presenter) actions.push(el('a', { href: `/app/present.html?poll=${id}` }, 'Presenter view'));
  return el('li', { class: 'card' },
    el('h3', {}, poll.title),
    el('p', { class: 'muted' },
      typeNames[poll.type] || poll.type,
      poll.closesAt && open ? ` · closes ${formatTime(poll.closesAt)}` : '',
      ' ',
      receipt ? el('span', { class: 'badge voted' }, 'You voted') : null),
    el('div', { class: 'actions' }, actions));
}

async function fill(listId, status, emptyText, withReceipts) {
  const list = document.getElementById(listId);
  const page = await api(`/polls?status=${status}&size=100`);
  const receipts = withReceipts ? await Promise.all(page.items.map(receiptFor)) : [];
  list.replaceChildren(...page.items.map((poll, i) => pollItem(poll, receipts[i])));
  if (page.items.length === 0) list.append(el('li', { class: 'muted' }, emptyText));
  list.setAttribute('aria-busy', 'false');
}

try {
  await Promise.all([
    fill('open-polls', 'OPEN', 'No poll is open for you right now.', true),
    fill('closed-polls', 'CLOSED', 'No closed polls yet.', false),
  ]);
} catch (problem) {
  showMessage(document.getElementById('message'), 'error', problem.message);
}
