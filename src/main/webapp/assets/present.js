// The presenter view: full-screen live results for the all-hands screen, with the way to vote.
import { api, pollIdFromAddress, showMessage } from './common.js';
import { ResultsView, followResults } from './live-results.js';

const pollId = pollIdFromAddress() || '';
const message = document.getElementById('message');
const shortLink = `${location.origin}/v/${encodeURIComponent(pollId)}`;
document.getElementById('short-link').textContent = shortLink;
document.getElementById('qr').src = `/app/qr.svg?poll=${encodeURIComponent(pollId)}`;

const fullscreen = document.getElementById('fullscreen');
fullscreen.addEventListener('click', () => {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen().catch(() => {});
});
document.addEventListener('fullscreenchange', () => {
  fullscreen.textContent = document.fullscreenElement ? 'Leave full screen' : 'Full screen';
});

try {
  const poll = await api(`/polls/${encodeURIComponent(pollId)}`);
  document.title = `${poll.title} · Presenter view · Intrapoll`;
  document.getElementById('title').textContent = poll.title;
  const view = new ResultsView(poll);
  await followResults(pollId, (results) => view.show(results), message);
} catch (problem) {
  showMessage(message, 'error', problem.message);
}
