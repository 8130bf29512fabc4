// An event's page for the audience: it follows the presenter. The poll on screen is shown with its ballot and live
// results; with no poll on screen, the questions (ask, upvote, sort). The event's stream drives it: after a network
// break the browser reconnects by itself, and the stream's first event puts the page back on the current poll.
import { api, el, showMessage, signedInHeader, Problem, t, formatNumber } from './common.js';
import { pollPage } from './ballot.js';
import { ResultsView } from './live-results.js';

const params = new URLSearchParams(location.search);
const eventMessage = document.getElementById('event-message');
const pollSection = document.getElementById('poll-section');
const qaSection = document.getElementById('qa-section');
const resultsSection = document.getElementById('poll-results');
const questionList = document.getElementById('questions');
const questions = new Map();
/** Questions this browser asked anonymously: nothing on the server says they are ours. */
const mineKey = 'intrapoll.my-anonymous-questions';
const myAnonymous = new Set(JSON.parse(sessionStorage.getItem(mineKey) || '[]'));
const upvoted = new Set();
let sort = 'top';
let event = null;
let activePollId = null;
let resultsView = null;
let currentPage = null;

signedInHeader().catch(() => {});

function problemText(problem) {
  if (problem.kind === 'event-ended') return t('event.has-ended');
  if (problem.kind === 'qa-disabled') return t('event.no-questions');
  if (problem.status === 429) return t('event.too-many-questions');
  if (problem.status === 403) return t('event.forbidden');
  return problem.message;
}

async function findEvent() {
  if (params.get('code')) return api(`/join/${encodeURIComponent(params.get('code'))}`);
  if (params.get('event')) return api(`/events/${encodeURIComponent(params.get('event'))}`);
  throw new Problem(404, { detail: t('event.none-given') });
}

function showEvent(current) {
  event = current;
  document.title = t('event.document-title', { title: event.title });
  document.getElementById('event-title').textContent = event.title;
  document.getElementById('event-state').textContent = event.status === 'ENDED'
    ? t('event.has-ended') : t('event.joined', { code: event.code });
  document.getElementById('anonymous-choice').hidden = !event.qa.anonymousQuestions;
  document.getElementById('ask').hidden = event.status === 'ENDED';
}

function clearResults() {
  document.getElementById('results-note').hidden = true;
  for (const id of ['bars', 'cloud', 'summary', 'leaderboard', 'total']) {
    const slot = document.getElementById(id);
    if (slot) slot.replaceChildren();
  }
}

async function showActivePoll(pollId, results) {
  if (pollId === activePollId) {
    if (results && resultsView) resultsView.show(results);
    return;
  }
  activePollId = pollId;
  pollSection.hidden = !pollId;
  qaSection.hidden = Boolean(pollId) || !event.qa.enabled;
  resultsSection.hidden = true;
  document.getElementById('next-hint').hidden = true;
  currentPage?.leave();
  currentPage = null;
  clearResults();
  resultsView = null;
  document.getElementById('message').replaceChildren(); // the last poll's receipt is not this one's
  if (!pollId) {
    document.getElementById('ballot').replaceChildren();
    return;
  }
  const page = pollPage(pollId, {
    message: document.getElementById('message'),
    ballot: document.getElementById('ballot'),
    title: document.getElementById('title'),
    description: document.getElementById('description'),
    setsDocumentTitle: false,
    onVoted: async () => { // the live results at once, where the poll shows them
      if (pollId === activePollId) document.getElementById('next-hint').hidden = false;
      try {
        const now = await api(`/polls/${encodeURIComponent(pollId)}/results`);
        if (resultsView && pollId === activePollId) {
          resultsView.show(now);
          resultsSection.hidden = false;
        }
      } catch (hidden) {
        // AFTER_CLOSE: the results come once the poll closes
      }
    },
  });
  currentPage = page;
  try {
    // The results' view first: drawing the ballot of a poll voted in before shows its results at once.
    const poll = await api(`/polls/${encodeURIComponent(pollId)}`);
    if (pollId !== activePollId) return; // the presenter moved on meanwhile
    resultsView = new ResultsView(poll);
    if (results) {
      resultsView.show(results);
      resultsSection.hidden = false;
    }
    await page.show();
  } catch (problem) {
    page.fail(problem);
  }
}

function questionItem(question) {
  const mine = question.mine || myAnonymous.has(question.id);
  const pressed = upvoted.has(question.id);
  const button = el('button', {
    type: 'button', class: 'upvote secondary', 'aria-pressed': String(pressed),
    'aria-label': t(pressed ? 'event.upvote.withdraw' : 'event.upvote', { count: question.upvotes }),
    onclick: () => toggleUpvote(question.id),
    disabled: event.status === 'ENDED',
  }, `▲ ${formatNumber(question.upvotes)}`);
  return el('li', { class: `question${question.pinned ? ' pinned' : ''}`, 'data-id': question.id },
    button,
    el('div', { class: 'question-body' },
      el('p', { class: 'text' }, question.text),
      el('p', { class: 'muted' },
        question.author || t('event.anonymous'),
        mine ? t('event.question.yours') : '',
        question.pinned ? t('event.question.pinned') : '',
        question.answered ? t('event.question.answered') : '',
        question.status === 'PENDING' ? t('event.question.pending') : '')));
}

function drawQuestions() {
  const shown = [...questions.values()].filter((q) => q.status !== 'HIDDEN');
  shown.sort(sort === 'top'
    ? (a, b) => (b.upvotes - a.upvotes) || a.createdAt.localeCompare(b.createdAt)
    : (a, b) => b.createdAt.localeCompare(a.createdAt));
  questionList.replaceChildren(...(shown.length
    ? shown.map(questionItem)
    : [el('li', { class: 'muted' }, t('event.no-questions-yet'))]));
}

function takeQuestion(question) {
  if (question.upvotedByMe === true) upvoted.add(question.id);
  if (question.upvotedByMe === false) upvoted.delete(question.id);
  if (question.status === 'HIDDEN' && !question.text) questions.delete(question.id);
  else questions.set(question.id, question);
}

async function toggleUpvote(id) {
  const up = !upvoted.has(id);
  try {
    await api(`/events/${encodeURIComponent(event.id)}/questions/${encodeURIComponent(id)}/upvote`,
      { method: up ? 'PUT' : 'DELETE' });
    if (up) upvoted.add(id); else upvoted.delete(id);
    const question = questions.get(id);
    if (question) question.upvotes += up ? 1 : -1; // the stream brings the count everyone sees
    drawQuestions();
  } catch (problem) {
    showMessage(eventMessage, 'error', problemText(problem));
  }
}

function setUpAsking() {
  const text = document.getElementById('question-text');
  const counter = document.getElementById('question-counter');
  const error = document.getElementById('ask-error');
  const button = document.getElementById('ask-button');
  const count = () => { counter.textContent = t('ballot.text.count', { count: text.value.trim().length, max: 500 }); };
  text.addEventListener('input', () => { error.textContent = ''; count(); });
  count();
  document.getElementById('ask').addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    if (!text.value.trim()) {
      error.textContent = t('event.empty-question');
      text.focus();
      return;
    }
    const anonymous = document.getElementById('anonymous').checked;
    button.disabled = true;
    try {
      const question = await api(`/events/${encodeURIComponent(event.id)}/questions`,
        { method: 'POST', body: { text: text.value.trim(), anonymous } });
      if (anonymous) {
        myAnonymous.add(question.id);
        sessionStorage.setItem(mineKey, JSON.stringify([...myAnonymous]));
      }
      takeQuestion(question);
      drawQuestions();
      text.value = '';
      count();
      showMessage(eventMessage, 'success', question.status === 'PENDING'
        ? t('event.asked.pending') : t('event.asked'));
    } catch (problem) {
      if (problem.status === 422 && problem.body.errors) {
        error.textContent = problem.body.errors.map((e) => e.message).join(' ');
      } else {
        error.textContent = problemText(problem);
      }
    } finally {
      button.disabled = false;
    }
  });
  for (const [id, order] of [['sort-top', 'top'], ['sort-recent', 'recent']]) {
    document.getElementById(id).addEventListener('click', () => {
      sort = order;
      document.getElementById('sort-top').setAttribute('aria-pressed', String(order === 'top'));
      document.getElementById('sort-recent').setAttribute('aria-pressed', String(order === 'recent'));
      drawQuestions();
    });
  }
}

function follow() {
  const source = new EventSource(`/api/v1/events/${encodeURIComponent(event.id)}/stream`);
  source.addEventListener('event', (message) => {
    eventMessage.replaceChildren();
    const data = JSON.parse(message.data);
    showEvent(data.event);
    if (data.questions) { // the whole state: at the start and after every reconnect
      questions.clear();
      data.questions.forEach(takeQuestion);
      drawQuestions();
      activePollId = undefined; // shown anew: the page may have missed moves while away
      showActivePoll(data.event.activePollId, data.results);
    }
  });
  source.addEventListener('active-poll', (message) => {
    const data = JSON.parse(message.data);
    showActivePoll(data.activePollId, data.results);
  });
  source.addEventListener('results', (message) => {
    if (resultsView) resultsView.show(JSON.parse(message.data));
  });
  source.addEventListener('question', (message) => {
    takeQuestion(JSON.parse(message.data));
    drawQuestions();
  });
  source.addEventListener('error', () => {
    showMessage(eventMessage, 'info', source.readyState === EventSource.CLOSED
      ? t('results.stream.stopped') : t('common.reconnecting'));
  });
}

try {
  showEvent(await findEvent());
  setUpAsking();
  follow();
} catch (problem) {
  showMessage(eventMessage, 'error', problem instanceof Problem && problem.status === 404
    ? t('event.no-such-code') : problemText(problem),
  ' ', el('a', { href: '/app/' }, t('common.go-to-my-polls')));
  document.getElementById('event-state').textContent = '';
}
