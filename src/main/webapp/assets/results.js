// The live results page.
import { api, el, signedInHeader, pollIdFromAddress, showMessage } from './common.js';
import { ResultsView, followResults } from './live-results.js';

const pollId = pollIdFromAddress() || '';
const message = document.getElementById('message');
signedInHeader().catch(() => {});
document.getElementById('vote-link').href = `/app/vote.html?poll=${encodeURIComponent(pollId)}`;
document.getElementById('present-link').href = `/app/present.html?poll=${encodeURIComponent(pollId)}`;

const view = new ResultsView();
try {
  const poll = await api(`/polls/${encodeURIComponent(pollId)}`);
  document.title = `${poll.title} · Results · Intrapoll`;
  document.getElementById('title').textContent = poll.title;
  document.getElementById('state').textContent =
    poll.status === 'OPEN' ? 'Open: results move as votes arrive.' : `This poll is ${poll.status.toLowerCase()}.`;
  await followResults(pollId, (results) => view.show(results), message);
} catch (problem) {
  showMessage(message, 'error', problem.message, ' ', el('a', { href: '/app/' }, 'Go to my polls'));
}
