// The vote page: one poll's ballot (ballot.js), the receipt on success, plain words for every refusal; once the
// caller has voted, the live results below (or when they will come, for results shown after the poll closes).
import { api, signedInHeader, pollIdFromAddress, showMessage } from './common.js';
import { pollPage } from './ballot.js';
import { ResultsView, followResults } from './live-results.js';

signedInHeader().catch(() => {});

const resultsSection = document.getElementById('poll-results');
const resultsMessage = document.getElementById('results-message');
let following = false;

async function showLiveResults(poll) {
  if (following) return;
  following = true;
  resultsSection.hidden = false;
  if (poll.resultsVisibility === 'AFTER_CLOSE') {
    try {
      await api(`/polls/${encodeURIComponent(poll.id)}/results`); // its owners and admins see them before
    } catch (hidden) {
      showMessage(resultsMessage, 'info', 'The results are shown once the poll closes.');
      return;
    }
  }
  const view = new ResultsView(poll);
  await followResults(poll.id, (results) => view.show(results), resultsMessage);
}

const page = pollPage(pollIdFromAddress(), {
  message: document.getElementById('message'),
  ballot: document.getElementById('ballot'),
  title: document.getElementById('title'),
  description: document.getElementById('description'),
  onVoted: (poll) => showLiveResults(poll).catch((problem) => showMessage(resultsMessage, 'error', problem.message)),
});
page.show().catch(page.fail);
