// "My polls": the open polls the caller may vote in, closing soonest first, each marked when the caller has voted
// (one request for the whole page, not one per poll), and closed ones with results; a search over both lists and
// twenty at a time, with "Show more".
import { api, el, showMessage, signedInHeader, typeNames, formatTime, t } from './common.js';

const PAGE_SIZE = 20;
const me = await signedInHeader().catch(() => null);
const presenter = me && (me.roles.includes('author') || me.roles.includes('admin'));
const message = document.getElementById('message');
const searchInput = document.getElementById('search-input');

function pollItem(poll, voted) {
  const id = encodeURIComponent(poll.id);
  const open = poll.status === 'OPEN';
  const actions = [];
  if (open) {
    actions.push(el('a', { href: `/app/vote.html?poll=${id}`, class: voted ? 'button secondary' : 'button' },
      voted ? (poll.allowVoteChange ? t('ballot.change-vote') : t('polls.see-vote')) : t('polls.vote')));
  }
  actions.push(el('a', { href: `/app/results.html?poll=${id}` }, t('polls.results')));
  if (presenter) actions.push(el('a', { href: `/app/present.html?poll=${id}` }, t('polls.present')));
  return el('li', { class: 'poll-row', 'data-poll-id': poll.id },
    el('div', { class: 'poll-text' },
      el('h3', {}, poll.title),
      el('p', { class: 'muted' },
        typeNames[poll.type] || poll.type,
        poll.closesAt && open ? t('polls.closes', { time: formatTime(poll.closesAt) }) : '',
        voted ? ' ' : '',
        voted ? el('span', { class: 'badge voted' }, t('polls.you-voted')) : null)),
    el('div', { class: 'actions' }, actions));
}

/** Grey rows in the shape of the list while it loads. */
function placeholders(list) {
  list.setAttribute('aria-busy', 'true');
  list.replaceChildren(...[0, 1, 2].map(() => el('li', { class: 'poll-row placeholder', 'aria-hidden': 'true' },
    el('div', { class: 'poll-text' }, el('span', { class: 'bone title' }), el('span', { class: 'bone meta' })))));
}

/** One list (open or closed): its pages as asked for, the count in its heading, "Show more" while more remain. */
function pollList({ listId, countId, moreId, status, sort, emptyText, withVotes }) {
  const list = document.getElementById(listId);
  const count = document.getElementById(countId);
  const more = document.getElementById(moreId);
  let page = 0;
  let text = '';
  let generation = 0; // a newer search makes an older answer stale

  async function load(first) {
    const asked = ++generation;
    const wanted = first ? 0 : page + 1;
    if (first) placeholders(list);
    more.disabled = true;
    const query = new URLSearchParams({ status, sort, page: String(wanted), size: String(PAGE_SIZE) });
    if (text) query.set('q', text);
    const found = await api(`/polls?${query}`);
    let voted = new Set();
    if (withVotes && found.items.length) {
      const ids = new URLSearchParams(found.items.map((poll) => ['poll', poll.id]));
      voted = new Set((await api(`/votes/mine?${ids}`)).voted);
    }
    if (asked !== generation) return;
    page = wanted;
    const rows = found.items.map((poll) => pollItem(poll, voted.has(poll.id)));
    if (first) list.replaceChildren(...rows);
    else list.append(...rows);
    if (found.total === 0) {
      list.append(el('li', { class: 'muted empty' }, text ? t('polls.no-match', { text }) : emptyText));
    }
    count.textContent = found.total ? t('polls.count', { count: found.total }) : '';
    const shown = Math.min(found.total, (page + 1) * PAGE_SIZE);
    more.hidden = shown >= found.total;
    more.disabled = false;
    more.textContent = t('polls.show-more-left', { count: found.total - shown });
    list.setAttribute('aria-busy', 'false');
    // "Show more" hands the focus to the first poll it brought (the button may be gone).
    if (!first && rows.length) rows[0].querySelector('a').focus();
  }

  more.addEventListener('click', () => {
    load(false).catch((problem) => {
      more.disabled = false;
      showMessage(message, 'error', problem.message);
    });
  });
  return {
    search(newText) {
      text = newText;
      return load(true);
    },
  };
}

const lists = [
  pollList({
    listId: 'open-polls', countId: 'open-count', moreId: 'open-more', status: 'OPEN', sort: 'closing',
    emptyText: t('polls.none-open'), withVotes: true,
  }),
  pollList({
    listId: 'closed-polls', countId: 'closed-count', moreId: 'closed-more', status: 'CLOSED', sort: 'newest',
    emptyText: t('polls.none-closed'), withVotes: false,
  }),
];

async function searchAll() {
  try {
    await Promise.all(lists.map((list) => list.search(searchInput.value.trim())));
  } catch (problem) {
    showMessage(message, 'error', problem.message);
  }
}

// Search as one types, once the typing pauses.
let typing = null;
searchInput.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(searchAll, 250);
});
document.getElementById('search').addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(typing);
  searchAll();
});
// A search can be linked to: /app/?q=offsite
searchInput.value = new URLSearchParams(location.search).get('q') || '';
await searchAll();
