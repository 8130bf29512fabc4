// The live results page; once the poll is closed, its results by group (breakdown.js) and "Check my ballot"
// (receipts.js).
import { api, el, signedInHeader, pollIdFromAddress, showMessage, t } from './common.js';
import { ResultsView, followResults } from './live-results.js';
import { offerBallotCheck } from './receipts.js';
import { offerBreakdown } from './breakdown.js';

const pollId = pollIdFromAddress() || '';
const ANSWERS_EVERY_MS = 10000;

/** An open-text poll's newest visible answers, read again at most every ten seconds as results change. */
function latestAnswers() {
  let last = 0;
  let pending = null;
  const read = async () => {
    last = Date.now();
    try {
      const page = await api(`/polls/${encodeURIComponent(pollId)}/responses?size=20`);
      document.getElementById('answers-section').hidden = false;
      document.getElementById('answers').replaceChildren(...(page.items.length
        ? page.items.map((answer) => el('li', { class: 'response' }, el('p', { class: 'text' }, answer.text)))
        : [el('li', { class: 'muted' }, t('results.no-answers'))]));
    } catch (problem) {
      // not shown to this caller: the word cloud is all
    }
  };
  return () => {
    if (pending) return;
    pending = setTimeout(() => { pending = null; read(); }, Math.max(0, last + ANSWERS_EVERY_MS - Date.now()));
  };
}
const message = document.getElementById('message');
const me = signedInHeader().catch(() => null);

try {
  const poll = await api(`/polls/${encodeURIComponent(pollId)}`);
  // Links only to pages that exist for this poll: the presenter view for those who present.
  document.getElementById('vote-link').href = `/app/vote.html?poll=${encodeURIComponent(pollId)}`;
  document.getElementById('present-link').href = `/app/present.html?poll=${encodeURIComponent(pollId)}`;
  me.then((caller) => {
    document.getElementById('present-link-part').hidden =
      !(caller && (caller.roles.includes('author') || caller.roles.includes('admin')));
  });
  document.getElementById('poll-links').hidden = false;
  document.title = t('results.document-title', { title: poll.title });
  document.getElementById('title').textContent = poll.title;
  document.getElementById('state').textContent =
    t(`results.state.${poll.status}`);
  const view = new ResultsView(poll);
  const answers = poll.type === 'OPEN_TEXT' ? latestAnswers() : () => {};
  const check = document.getElementById('ballot-check');
  const breakdown = offerBreakdown(document.getElementById('breakdown'), poll);
  await followResults(pollId, (results) => {
    view.show(results);
    answers();
    breakdown(results); // once final: the results by group
    offerBallotCheck(check, { id: poll.id, status: results.status }); // once closed: "Check my ballot"
  }, message);
} catch (problem) {
  document.querySelector('ip-results').hidden = true; // no empty table to open
  showMessage(message, 'error', problem.message, ' ', el('a', { href: '/app/' }, t('common.go-to-my-polls')));
}
