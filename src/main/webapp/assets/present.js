// The presenter view: full-screen live results for the all-hands screen, with the way to vote. For an event
// (?event=...) it follows the presenter's choice: the active poll's live results, or the top questions, beside the
// join code, its short address and a QR code.
import { api, el, pollIdFromAddress, showMessage, t, formatNumber } from './common.js';
import { ResultsView, followResults } from './live-results.js';

const params = new URLSearchParams(location.search);
const message = document.getElementById('message');
const fullscreen = document.getElementById('fullscreen');
fullscreen.addEventListener('click', () => {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen().catch(() => {});
});
document.addEventListener('fullscreenchange', () => {
  fullscreen.textContent = document.fullscreenElement ? t('present.leave-full-screen') : t('present.full-screen');
});

function showJoin(link, qr) {
  document.getElementById('short-link').textContent = link;
  document.getElementById('qr').src = qr;
}

async function presentPoll(pollId) {
  // The way to vote only for a poll that exists: an unknown one gets no QR code to a dead page.
  const poll = await api(`/polls/${encodeURIComponent(pollId)}`);
  showJoin(`${location.host}/v/${encodeURIComponent(pollId)}`, `/app/qr.svg?poll=${encodeURIComponent(pollId)}`);
  document.title = t('present.document-title', { title: poll.title });
  document.getElementById('title').textContent = poll.title;
  const view = new ResultsView(poll, { byVotes: true });
  await followResults(pollId, (results) => view.show(results), message);
}

/** An event: the code in large type, the questions or the active poll's results as the presenter moves. */
async function presentEvent(eventId) {
  const results = document.querySelector('ip-results');
  const board = document.getElementById('qa-board');
  const top = document.getElementById('top-questions');
  const questions = new Map();
  let view = null;
  let activePollId;
  const showQuestions = () => {
    const shown = [...questions.values()].filter((q) => q.status === 'VISIBLE');
    shown.sort((a, b) => (Number(b.pinned) - Number(a.pinned)) || (b.upvotes - a.upvotes)
      || a.createdAt.localeCompare(b.createdAt));
    top.replaceChildren(...(shown.length
      ? shown.slice(0, 6).map((q) => el('li', { class: `question${q.pinned ? ' pinned' : ''}` },
        el('span', { class: 'upvotes' }, `▲ ${formatNumber(q.upvotes)}`),
        el('span', { class: 'text' }, q.text),
        q.answered ? el('span', { class: 'answered' }, t('present.answered')) : ''))
      : [el('li', { class: 'muted' }, t('present.no-questions'))]));
  };
  const activate = async (pollId, current, event) => {
    if (pollId === activePollId) {
      if (current && view) view.show(current);
      return;
    }
    activePollId = pollId;
    results.hidden = !pollId;
    document.getElementById('rounds').hidden = true;
    board.hidden = Boolean(pollId);
    document.getElementById('results-note').hidden = true; // the last poll's note is not this one's
    for (const id of ['bars', 'cloud', 'summary', 'leaderboard', 'total', 'rounds-body']) {
      const slot = document.getElementById(id);
      if (slot) slot.replaceChildren();
    }
    view = null;
    if (!pollId) {
      document.getElementById('title').textContent = event ? event.title : document.getElementById('title').textContent;
      showQuestions();
      return;
    }
    const poll = await api(`/polls/${encodeURIComponent(pollId)}`);
    if (pollId !== activePollId) return;
    document.getElementById('title').textContent = poll.title;
    view = new ResultsView(poll, { byVotes: true });
    if (current) view.show(current);
  };
  let event = await api(`/events/${encodeURIComponent(eventId)}`);
  const code = event.code;
  document.body.classList.add('event-mode');
  const joinCode = document.getElementById('join-code');
  joinCode.hidden = false;
  joinCode.replaceChildren(el('span', { class: 'label' }, t('present.code')), el('br'), `${code.substring(0, 3)} ${code.substring(3)}`);
  joinCode.setAttribute('aria-label', t('present.code.spoken', { code: code.split('').join(' ') }));
  document.getElementById('join-heading').textContent = t('present.join-now');
  showJoin(`${location.host}/j/${code}`, `/app/qr.svg?join=${encodeURIComponent(code)}`);
  document.getElementById('qr').alt = t('present.qr.join', { address: `${location.host}/j/${code}` });
  document.title = t('present.document-title', { title: event.title });
  const source = new EventSource(`/api/v1/events/${encodeURIComponent(eventId)}/stream`);
  source.addEventListener('event', (received) => {
    message.replaceChildren();
    const data = JSON.parse(received.data);
    event = data.event;
    if (data.questions) {
      questions.clear();
      data.questions.forEach((q) => questions.set(q.id, q));
      activePollId = undefined;
      activate(event.activePollId, data.results, event).catch((problem) => showMessage(message, 'error', problem.message));
    }
  });
  source.addEventListener('active-poll', (received) => {
    const data = JSON.parse(received.data);
    activate(data.activePollId, data.results, event).catch((problem) => showMessage(message, 'error', problem.message));
  });
  source.addEventListener('results', (received) => { if (view) view.show(JSON.parse(received.data)); });
  source.addEventListener('question', (received) => {
    const question = JSON.parse(received.data);
    if (question.status === 'HIDDEN' && !question.text) questions.delete(question.id);
    else questions.set(question.id, question);
    if (!activePollId) showQuestions();
  });
  source.addEventListener('error', () => {
    if (source.readyState !== EventSource.CLOSED) showMessage(message, 'info', t('common.reconnecting'));
  });
}

try {
  if (params.get('event')) await presentEvent(params.get('event'));
  else await presentPoll(pollIdFromAddress() || '');
} catch (problem) {
  document.querySelector('.join').hidden = true; // no code, link or QR code to something that is not there
  showMessage(message, 'error', problem.message, ' ', el('a', { href: '/app/' }, t('common.go-to-my-polls')));
}
