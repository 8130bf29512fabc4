// Live results, shared by the results page and the presenter view: the stream of results events drawn as
// bars with their numbers in text, a table, and a polite summary for screen readers.
import { el, showMessage, Problem, api } from './common.js';

const ANNOUNCE_EVERY_MS = 5000;

function votesText(option) {
  return `${option.votes} ${option.votes === 1 ? 'vote' : 'votes'} (${option.percent}%)`;
}

function ballotsText(results) {
  const n = results.totalBallots;
  return `${n} ${n === 1 ? 'ballot' : 'ballots'}`;
}

/**
 * Draws results into the page's #bars, #total, #table-body, #rounds-body (the markup of <ip-results>, elements.js);
 * keeps bars so they can move.
 */
export class ResultsView {
  constructor() {
    this.bars = document.getElementById('bars');
    this.total = document.getElementById('total');
    this.tableBody = document.getElementById('table-body');
    this.announceSlot = document.getElementById('announce');
    this.rows = new Map();
    this.lastAnnounced = 0;
    this.pendingAnnouncement = null;
  }

  show(results) {
    for (const option of results.options) {
      let row = this.rows.get(option.id);
      if (!row) {
        row = {
          count: el('span', { class: 'count' }),
          fill: el('div', { class: 'fill' }),
        };
        this.bars.append(el('li', { 'data-option-id': option.id },
          el('div', { class: 'row' }, el('span', { class: 'option' }, option.label), row.count),
          el('div', { class: 'track', 'aria-hidden': 'true' }, row.fill)));
        this.rows.set(option.id, row);
      }
      row.count.textContent = votesText(option);
      row.fill.style.width = `${Math.min(100, option.percent)}%`;
    }
    const state = results.final ? ' · final' : (results.status === 'OPEN' ? ' · live' : '');
    this.total.replaceChildren(
      el('span', { id: 'total-ballots' }, ballotsText(results)),
      results.final ? el('span', { class: 'final' }, state) : state);
    if (this.tableBody) {
      this.tableBody.replaceChildren(...results.options.map((option) => el('tr', {},
        el('th', { scope: 'row' }, option.label),
        el('td', { class: 'number' }, String(option.votes)),
        el('td', { class: 'number' }, `${option.percent}%`))));
    }
    this.showRounds(results);
    this.announce(results);
  }

  /** At most one announcement every few seconds: a screen reader is not a ticker. */
  announce(results) {
    const leader = [...results.options].sort((a, b) => b.votes - a.votes)[0];
    const text = `${ballotsText(results)}${results.final ? ', final' : ''}.`
      + (leader && leader.votes > 0 ? ` Leading: ${leader.label}, ${votesText(leader)}.` : '');
    clearTimeout(this.pendingAnnouncement);
    const wait = this.lastAnnounced + ANNOUNCE_EVERY_MS - Date.now();
    const speak = () => { this.announceSlot.textContent = text; this.lastAnnounced = Date.now(); };
    if (wait <= 0) speak();
    else this.pendingAnnouncement = setTimeout(speak, wait);
  }

  showRounds(results) {
    const section = document.getElementById('rounds');
    if (!section || !results.rounds || results.rounds.length === 0) return;
    section.hidden = false;
    const labels = new Map(results.options.map((option) => [option.id, option.label]));
    const header = el('tr', {}, el('th', { scope: 'col' }, 'Option'),
      ...results.rounds.map((round) => el('th', { scope: 'col', class: 'number' }, `Round ${round.round}`)));
    const rows = results.options.map((option) => el('tr', {}, el('th', { scope: 'row' }, option.label),
      ...results.rounds.map((round) => el('td', { class: 'number' },
        round.votes[option.id] === undefined ? '–' : String(round.votes[option.id])))));
    const outcome = results.rounds.map((round) => round.winner
      ? `Round ${round.round}: ${labels.get(round.winner)} wins.`
      : (round.eliminated ? `Round ${round.round}: ${labels.get(round.eliminated)} is eliminated.` : ''));
    document.getElementById('rounds-body').replaceChildren(
      el('table', {}, el('caption', { class: 'visually-hidden' }, 'Votes per round'),
        el('thead', {}, header), el('tbody', {}, rows)),
      el('p', {}, outcome.filter(Boolean).join(' ')));
  }
}

/**
 * Follows a poll's results stream; the browser reconnects by itself after a network break. A refusal
 * (unknown poll, not in the audience, hidden until closed) is read from the plain results call.
 */
export async function followResults(pollId, onResults, messageSlot) {
  const path = `/polls/${encodeURIComponent(pollId)}/results`;
  let first;
  try {
    first = await api(path);
  } catch (problem) {
    showMessage(messageSlot, 'error', problem instanceof Problem ? problem.message : String(problem));
    return null;
  }
  onResults(first);
  const source = new EventSource(`/api/v1${path}/stream`);
  source.addEventListener('results', (event) => {
    messageSlot.replaceChildren();
    onResults(JSON.parse(event.data));
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      showMessage(messageSlot, 'error', 'Live updates stopped. Reload the page to resume.');
    } else {
      showMessage(messageSlot, 'info', 'Reconnecting for live updates…');
    }
  });
  return source;
}
