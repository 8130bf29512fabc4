// The console's events: create one, add polls, put a poll (or the questions) on screen, moderate the questions,
// end it. It talks only to the public API.
import { api, el, showMessage, formatTime, formatNumber, t } from '../common.js';
import { consoleHeader, confirmAction, statusNames } from './shared.js';

const message = document.getElementById('message');
const params = new URLSearchParams(location.search);
const eventId = params.get('event');
let event = null;

consoleHeader().catch(() => {});

function say(kind, ...content) {
  showMessage(message, kind, ...content);
  message.focus();
}

async function listEvents() {
  const rows = document.getElementById('event-rows');
  const page = await api('/events?size=100');
  rows.replaceChildren(...page.items.map((item) => el('tr', {},
    el('th', { scope: 'row' }, el('a', { href: `/console/events.html?event=${encodeURIComponent(item.id)}` }, item.title)),
    el('td', {}, el('code', {}, item.code)),
    el('td', {}, item.status === 'LIVE' ? t('console.events.live') : t('console.events.ended')),
    el('td', { class: 'number' }, formatNumber(item.pollIds.length)),
    el('td', {}, formatTime(item.createdAt)))));
  if (page.items.length === 0) rows.append(el('tr', {}, el('td', { colspan: '5' }, t('console.events.none'))));
}

function setUpCreating() {
  document.getElementById('create-event').addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    for (const id of ['e-title', 'e-groups']) document.getElementById(id).textContent = '';
    const groups = document.getElementById('e-groups-input').value.split(',').map((g) => g.trim()).filter(Boolean);
    try {
      const created = await api('/events', {
        method: 'POST',
        body: {
          title: document.getElementById('e-title-input').value.trim(),
          audienceGroups: groups,
          qa: {
            enabled: document.getElementById('qa-enabled').checked,
            anonymousQuestions: document.getElementById('qa-anonymous').checked,
            moderated: document.getElementById('qa-moderated').checked,
          },
        },
      });
      location.assign(`/console/events.html?event=${encodeURIComponent(created.id)}&created=1`);
    } catch (problem) {
      const errors = problem.body.errors || [];
      for (const error of errors) {
        const slot = document.getElementById(error.field.startsWith('audienceGroups') ? 'e-groups' : 'e-title');
        slot.textContent = `${slot.textContent} ${error.message}`.trim();
      }
      if (!errors.length) say('error', problem.message);
    }
  });
}

async function showPolls() {
  const list = document.getElementById('event-polls');
  const polls = await Promise.all(event.pollIds.map((id) => api(`/polls/${encodeURIComponent(id)}`)));
  list.replaceChildren(...polls.map((poll) => {
    const active = poll.id === event.activePollId;
    return el('li', { class: active ? 'active' : '' },
      el('a', { href: `/console/poll.html?poll=${encodeURIComponent(poll.id)}` }, poll.title),
      ` · ${statusNames[poll.status] || poll.status}`,
      active ? el('strong', {}, t('console.events.on-screen')) : '',
      ' ',
      el('button', {
        type: 'button', class: 'small', disabled: event.status !== 'LIVE' || active,
        'aria-label': t('console.events.present-poll', { title: poll.title }), onclick: () => present(poll.id),
      }, t('polls.present')));
  }));
  if (!polls.length) list.append(el('li', { class: 'muted' }, t('console.events.no-polls')));
  const mine = await api('/polls?size=100');
  const select = document.getElementById('add-poll-select');
  select.replaceChildren(...mine.items
    .filter((poll) => !event.pollIds.includes(poll.id))
    .map((poll) => el('option', { value: poll.id }, `${poll.title} (${statusNames[poll.status] || poll.status})`)));
  document.getElementById('add-poll').hidden = event.status !== 'LIVE' || select.options.length === 0;
}

async function showModeration() {
  const list = document.getElementById('moderation');
  if (!event.qa.enabled) {
    list.replaceChildren(el('li', { class: 'muted' }, t('event.no-questions')));
    return;
  }
  const { items } = await api(`/events/${encodeURIComponent(event.id)}/questions?sort=recent`);
  const act = (question, action, method = 'POST') => async () => {
    try {
      await api(`/events/${encodeURIComponent(event.id)}/questions/${encodeURIComponent(question.id)}/${action}`,
        { method });
      await showModeration();
    } catch (problem) {
      say('error', problem.message);
    }
  };
  list.replaceChildren(...items.map((question) => el('li', { class: `question${question.pinned ? ' pinned' : ''}` },
    el('div', { class: 'question-body' },
      el('p', { class: 'text' }, question.text),
      el('p', { class: 'muted' },
        `${question.author || t('event.anonymous')} · ▲ ${formatNumber(question.upvotes)} · `
          + t(`console.questions.status.${question.status}`),
        question.answered ? t('event.question.answered') : '', question.pinned ? t('event.question.pinned') : ''),
      el('div', { class: 'actions' },
        question.status !== 'VISIBLE'
          ? el('button', { type: 'button', class: 'small', onclick: act(question, 'approve') }, t('console.questions.approve')) : '',
        question.status !== 'HIDDEN'
          ? el('button', { type: 'button', class: 'small secondary', onclick: act(question, 'hide') }, t('console.hide')) : '',
        !question.answered
          ? el('button', { type: 'button', class: 'small secondary', onclick: act(question, 'answer') }, t('console.questions.mark-answered'))
          : '',
        question.status === 'VISIBLE'
          ? el('button', {
            type: 'button', class: 'small secondary',
            onclick: act(question, 'pin', question.pinned ? 'DELETE' : 'POST'),
          }, question.pinned ? t('console.questions.unpin') : t('console.questions.pin'))
          : '')))));
  if (!items.length) list.append(el('li', { class: 'muted' }, t('console.questions.none')));
}

async function present(pollId) {
  try {
    event = await api(`/events/${encodeURIComponent(event.id)}/present`, { method: 'POST', body: { pollId } });
    say('success', pollId ? t('console.events.poll-on-screen') : t('console.events.questions-on-screen'));
    await showPolls();
  } catch (problem) {
    say('error', problem.message);
  }
}

async function showEvent() {
  event = await api(`/events/${encodeURIComponent(eventId)}`);
  document.title = t('console.events.document-title', { title: event.title });
  document.getElementById('page-title').textContent = event.title;
  document.getElementById('event-title').textContent =
    event.status === 'LIVE' ? t('console.events.live-now') : t('console.events.ended');
  const questions = event.qa.enabled ? (event.qa.moderated ? 'moderated' : 'on') : 'off';
  document.getElementById('event-facts').textContent = t('console.events.facts', {
    code: event.code, address: `${location.host}/j/${event.code}`, questions: t(`console.events.questions.${questions}`),
  });
  document.getElementById('event-section').hidden = false;
  document.getElementById('list-section').hidden = true;
  document.getElementById('present-link').href = `/app/present.html?event=${encodeURIComponent(event.id)}`;
  document.getElementById('show-questions').disabled = event.status !== 'LIVE';
  document.getElementById('end-event').hidden = event.status !== 'LIVE';
  if (params.get('created')) say('success', t('console.events.created', { code: event.code }));
  await Promise.all([showPolls(), showModeration()]);
}

function setUpEvent() {
  document.getElementById('show-questions').addEventListener('click', () => present(null));
  document.getElementById('end-event').addEventListener('click', async () => {
    if (!(await confirmAction(t('console.events.end.confirm'), t('console.events.end')))) return;
    try {
      await api(`/events/${encodeURIComponent(event.id)}/end`, { method: 'POST' });
      await showEvent();
      say('success', t('console.events.now-ended'));
    } catch (problem) {
      say('error', problem.message);
    }
  });
  document.getElementById('add-poll').addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    const pollId = document.getElementById('add-poll-select').value;
    document.getElementById('e-add-poll').textContent = '';
    try {
      event = await api(`/events/${encodeURIComponent(event.id)}/polls`, { method: 'POST', body: { pollId } });
      await showPolls();
      say('success', t('console.events.poll-added'));
    } catch (problem) {
      document.getElementById('e-add-poll').textContent = problem.message;
    }
  });
}

try {
  if (eventId) {
    setUpEvent();
    await showEvent();
  } else {
    setUpCreating();
    await listEvents();
  }
} catch (problem) {
  say('error', problem.message, ' ', el('a', { href: '/console/events.html' }, t('console.events.all')));
}
