// Live results, shared by the results page and the presenter view: the stream of results events drawn as
// bars with their numbers in text, a table, and a polite summary for screen readers.
import { el, showMessage, Problem, api, t, formatNumber } from './common.js';

const ANNOUNCE_EVERY_MS = 5000;

/** A share the API gives in percent (one decimal), as the language writes it: "12.5%", "12,5 %". */
function percentText(percent) {
  return formatNumber(percent / 100, { style: 'percent', maximumFractionDigits: 1 });
}

function votesText(option) {
  const votes = t('results.vote-count', { count: option.votes });
  return option.percent === undefined ? votes : t('results.votes-with-share', { votes, share: percentText(option.percent) });
}

function ballotsText(results) {
  return t('results.ballot-count', { count: results.totalBallots });
}

const SVG = 'http://www.w3.org/2000/svg';
const CLOUD_WIDTH = 800;
const CLOUD_HEIGHT = 420;

function svg(tag, attributes = {}) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/**
 * Places words on an Archimedean spiral from the centre, largest first, each where its box overlaps none placed
 * before (the boxes estimated from the font size, so the layout needs no measuring and is the same for the same
 * words). Returns word -> {x, y, size}; words that find no room are left out of the picture (the table has them).
 */
export function layoutCloud(words, width = CLOUD_WIDTH, height = CLOUD_HEIGHT) {
  const placed = new Map();
  const boxes = [];
  const most = Math.max(1, ...words.map((word) => word.count));
  for (const word of words) {
    const size = Math.round(16 + 48 * Math.sqrt(word.count / most));
    const w = size * 0.58 * word.word.length + 6;
    const h = size * 1.05;
    for (let step = 0; step < 1500; step += 1) {
      const angle = step * 0.35;
      const radius = 2.2 * angle;
      const x = width / 2 + radius * Math.cos(angle) * 1.6;
      const y = height / 2 + radius * Math.sin(angle);
      const box = { left: x - w / 2, right: x + w / 2, top: y - h / 2, bottom: y + h / 2 };
      if (box.left < 0 || box.right > width || box.top < 0 || box.bottom > height) continue;
      if (boxes.some((other) => box.left < other.right && other.left < box.right
        && box.top < other.bottom && other.top < box.bottom)) continue;
      boxes.push(box);
      placed.set(word.word, { x, y, size });
      break;
    }
  }
  return placed;
}

/**
 * Draws results into the page's #bars, #total, #summary, #cloud, #leaderboard, #table-body, #rounds-body (the
 * markup of <ip-results>, elements.js); keeps bars and words so they can move.
 *
 * @param poll the poll (its type, scale labels), or null
 * @param leaderboardWhileOpen a quiz's leaderboard before it closes too (its owner's console)
 * @param byVotes the options' bars in the order of their votes, the leader marked (the presenter view)
 */
export class ResultsView {
  constructor(poll = null, { leaderboardWhileOpen = false, byVotes = false } = {}) {
    this.poll = poll;
    this.leaderboardWhileOpen = leaderboardWhileOpen;
    this.byVotes = byVotes;
    this.note = document.getElementById('results-note');
    this.bars = document.getElementById('bars');
    this.total = document.getElementById('total');
    this.summary = document.getElementById('summary');
    this.cloud = document.getElementById('cloud');
    this.leaderboard = document.getElementById('leaderboard');
    this.tableBody = document.getElementById('table-body');
    this.announceSlot = document.getElementById('announce');
    this.rows = new Map();
    this.words = new Map();
    this.leaderboardFor = null;
    this.lastAnnounced = 0;
    this.pendingAnnouncement = null;
    this.shown = null;
  }

  show(results) {
    // A reply read before the last streamed change may arrive after it (a page's own fetch right after voting,
    // the count's event overtaking it): older counts of the same poll never replace newer ones. Ballots only add
    // up, so fewer is older; at the same total, asOf decides (the counting node's clock, which may differ between
    // nodes by a little: only a changed vote's move could be held back by it, until the next count).
    const asOf = Date.parse(results.asOf);
    const shown = this.shown;
    if (shown && shown.pollId === results.pollId && (results.totalBallots < shown.totalBallots
      || (results.totalBallots === shown.totalBallots && asOf < shown.asOf))) return;
    this.shown = { pollId: results.pollId, totalBallots: results.totalBallots, asOf };
    const rows = this.rowsOf(results);
    if (results.words) this.showCloud(results.words);
    else this.showBars(rows, results);
    this.showSummary(results);
    this.showNote(results);
    const state = results.final ? t('results.state.final') : (results.status === 'OPEN' ? t('results.state.live') : '');
    this.total.replaceChildren(
      el('span', { id: 'total-ballots' }, ballotsText(results)),
      ...this.turnoutParts(results),
      results.final ? el('span', { class: 'final' }, state) : state,
      ...this.outcomeParts(results, rows));
    if (this.tableBody) {
      const head = document.querySelector('#table-fallback thead th');
      if (head) head.textContent = t(results.words ? 'results.word' : (results.distribution ? 'results.rating' : 'results.option'));
      this.tableBody.replaceChildren(...rows.map((row) => el('tr', {},
        el('th', { scope: 'row' }, row.label),
        el('td', { class: 'number' }, formatNumber(row.votes)),
        el('td', { class: 'number' }, row.percent === undefined ? '' : percentText(row.percent)))));
    }
    this.showRounds(results);
    this.showLeaderboard(results);
    this.announce(results, rows);
  }

  /** "· turnout 24 % of 500" once the electorate is known (fixed when the poll opened). */
  turnoutParts(results) {
    if (results.eligible === undefined || results.turnoutPercent === undefined) return [];
    return [' · ', el('span', { id: 'turnout' },
      t('results.turnout', { share: percentText(results.turnoutPercent), eligible: results.eligible }))];
  }

  /** A closed poll's decision: which option decided it, or why none did. */
  outcomeParts(results, rows) {
    if (!results.outcome) return [];
    let text;
    if (results.outcome === 'DECIDED') {
      const winner = rows.find((row) => row.id === results.winnerOptionId);
      text = t('results.outcome.decided', { option: winner ? winner.label : '' });
    } else {
      text = t(results.outcome === 'NO_QUORUM' ? 'results.outcome.no-quorum' : 'results.outcome.no-majority');
    }
    return [el('span', { id: 'outcome', class: `outcome ${results.outcome === 'DECIDED' ? 'decided' : 'undecided'}` }, text)];
  }

  /** What the bars and the table show: options, the values of a scale, or the words of open text. */
  rowsOf(results) {
    if (results.distribution) {
      const labels = (this.poll && this.poll.scaleLabels) || {};
      const first = results.distribution[0].value;
      const last = results.distribution[results.distribution.length - 1].value;
      return results.distribution.map((value) => ({
        id: `value-${value.value}`,
        label: String(value.value) + (value.value === first && labels.min ? ` (${labels.min})` : '')
          + (value.value === last && labels.max ? ` (${labels.max})` : ''),
        votes: value.votes,
        percent: value.percent,
      }));
    }
    if (results.words) {
      return results.words.map((word) => ({ id: `word-${word.word}`, label: word.word, votes: word.count }));
    }
    const correct = new Set(results.correctOptionIds || []);
    return results.options.map((option) => ({ ...option, correct: correct.has(option.id) }));
  }

  showBars(rows, results) {
    this.bars.hidden = false;
    this.cloud.hidden = true;
    for (const option of rows) {
      let row = this.rows.get(option.id);
      if (!row) {
        row = {
          label: el('span', { class: 'option' }, option.label),
          count: el('span', { class: 'count' }),
          fill: el('div', { class: 'fill' }),
          item: null,
        };
        row.item = el('li', { 'data-option-id': option.id },
          el('div', { class: 'row' }, row.label, row.count),
          el('div', { class: 'track', 'aria-hidden': 'true' }, row.fill));
        this.bars.append(row.item);
        this.rows.set(option.id, row);
      }
      row.label.replaceChildren(option.label,
        ...(option.correct ? [' ', el('span', { class: 'correct-mark' }, t('results.correct'))] : []));
      row.item.classList.toggle('correct', Boolean(option.correct));
      row.count.textContent = votesText(option);
      const share = `${Math.min(100, option.percent)}%`;
      row.fill.style.width = share;
      row.fill.style.setProperty('--share', share); // the presenter view draws a scale as columns
    }
    this.bars.classList.toggle('scale-bars', Boolean(results.distribution));
    this.bars.style.setProperty('--rows', String(rows.length)); // the presenter view's bars share its height
    // A quiz marks its correct options instead: the most chosen need not be right.
    const quiz = this.poll && this.poll.type === 'QUIZ';
    if (this.byVotes && !results.distribution && !quiz) this.orderByVotes(rows, results);
  }

  /**
   * The options from most votes to fewest (ties keep the poll's order), the leaders marked: for a ranked poll the
   * instant-runoff winner, not the most first preferences.
   */
  orderByVotes(rows, results) {
    const order = rows.map((row, index) => ({ row, index }))
      .sort((a, b) => (b.row.votes - a.row.votes) || (a.index - b.index));
    const most = order.length ? order[0].row.votes : 0;
    const rounds = results.rounds || [];
    const runoffWinner = rounds.length ? rounds[rounds.length - 1].winner : null;
    const leaders = new Set(runoffWinner ? [runoffWinner]
      : rows.filter((row) => most > 0 && row.votes === most).map((row) => row.id));
    order.forEach(({ row }, position) => {
      const drawn = this.rows.get(row.id);
      // Only a bar out of place moves: one taken out and put back would lose its width's transition.
      if (this.bars.children[position] !== drawn.item) this.bars.insertBefore(drawn.item, this.bars.children[position]);
      const leader = leaders.has(row.id);
      drawn.item.classList.toggle('leader', leader);
      if (leader) {
        drawn.label.append(' ', el('span', { class: 'leader-mark' }, results.final ? t('results.winner-mark') : t('results.leading-mark')));
      }
    });
  }

  /** What a share means where it is not obvious: several choices per ballot add up to more than 100 %. */
  showNote(results) {
    if (!this.note) return;
    const poll = this.poll || {};
    const several = poll.type === 'MULTIPLE' || (poll.type === 'QUIZ' && poll.maxChoices > 1);
    let text = '';
    if (several) {
      const most = poll.maxChoices || (poll.options || []).length;
      text = t('results.note.several', { count: most });
    } else if (poll.type === 'RANKED') {
      text = t('results.note.ranked');
    }
    this.note.hidden = !text;
    this.note.textContent = text;
  }

  /** Mean and median of a scale, the NPS split and score; nothing for the other types. */
  showSummary(results) {
    if (results.distribution === undefined || results.distribution === null) {
      this.summary.hidden = true;
      return;
    }
    this.summary.hidden = false;
    const parts = [el('p', { class: 'statistics' },
      el('span', {}, t('results.mean'), ' ', el('strong', { id: 'mean' },
        results.mean === undefined ? '–' : formatNumber(results.mean))),
      el('span', {}, t('results.median'), ' ', el('strong', { id: 'median' },
        results.median === undefined ? '–' : formatNumber(results.median))))];
    if (results.nps) {
      const nps = results.nps;
      const all = nps.promoters + nps.passives + nps.detractors;
      const share = (n) => (all === 0 ? 0 : (100 * n) / all);
      const segment = (kind, n) => {
        const part = el('div', { class: `nps-${kind}` });
        part.style.width = `${share(n)}%`;
        return part;
      };
      parts.push(
        el('p', { class: 'nps-score' }, 'NPS ', el('strong', { id: 'nps-score' },
          nps.score > 0 ? `+${nps.score}` : String(nps.score))),
        el('div', { class: 'nps-split', 'aria-hidden': 'true' },
          segment('detractors', nps.detractors), segment('passives', nps.passives),
          segment('promoters', nps.promoters)),
        el('p', { class: 'nps-legend' },
          el('span', { class: 'key detractors' }, t('results.nps.detractors', { count: nps.detractors })), ' · ',
          el('span', { class: 'key passives' }, t('results.nps.passives', { count: nps.passives })), ' · ',
          el('span', { class: 'key promoters' }, t('results.nps.promoters', { count: nps.promoters }))),
        el('p', { class: 'muted' }, t('results.nps.explained')));
    }
    this.summary.replaceChildren(...parts);
  }

  /** The word cloud as SVG text, words keeping their element so a change moves and resizes them smoothly. */
  showCloud(words) {
    this.bars.hidden = true;
    this.cloud.hidden = false;
    if (!this.cloudSvg) {
      this.cloudSvg = svg('svg', {
        viewBox: `0 0 ${CLOUD_WIDTH} ${CLOUD_HEIGHT}`, role: 'img', 'aria-labelledby': 'cloud-caption',
      });
      this.cloudList = el('ol', { class: 'visually-hidden' });
      this.cloud.replaceChildren(this.cloudSvg,
        el('figcaption', { id: 'cloud-caption', class: 'visually-hidden' },
          t('results.cloud.caption')),
        this.cloudList);
    }
    const layout = layoutCloud(words);
    const shown = new Set();
    words.forEach((word, index) => {
      const place = layout.get(word.word);
      if (!place) return;
      shown.add(word.word);
      let text = this.words.get(word.word);
      if (!text) {
        text = svg('text', { 'text-anchor': 'middle', 'dominant-baseline': 'middle', class: `w${index % 4}` });
        text.textContent = word.word;
        text.style.opacity = '0';
        text.style.transform = `translate(${CLOUD_WIDTH / 2}px, ${CLOUD_HEIGHT / 2}px)`;
        this.cloudSvg.append(text);
        this.words.set(word.word, text);
        text.getBoundingClientRect(); // the start of the transition
      }
      text.style.opacity = '1';
      text.style.fontSize = `${place.size}px`;
      text.style.transform = `translate(${place.x}px, ${place.y}px)`;
    });
    for (const [word, text] of this.words) {
      if (!shown.has(word)) {
        text.remove();
        this.words.delete(word);
      }
    }
    this.cloudList.replaceChildren(...words.map((word) => el('li', {},
      t('results.cloud.word', { word: word.word, count: word.count }))));
  }

  /** Once a quiz has closed, its top scorers and the caller's own place. */
  async showLeaderboard(results) {
    const quiz = this.poll && this.poll.type === 'QUIZ';
    if (!this.leaderboard || !(results.correctOptionIds || (quiz && this.leaderboardWhileOpen))) return;
    const key = `${results.totalBallots}.${results.final}`;
    if (this.leaderboardFor === key) return;
    this.leaderboardFor = key;
    let board;
    try {
      board = await api(`/polls/${encodeURIComponent(results.pollId)}/leaderboard`);
    } catch (problem) {
      return; // not shown to this caller
    }
    this.leaderboard.hidden = false;
    this.leaderboard.replaceChildren(
      el('h2', { id: 'leaderboard-heading' }, t('results.leaderboard')),
      board.entries.length === 0
        ? el('p', { class: 'muted' }, t('results.leaderboard.nobody'))
        : el('ol', { class: 'ranking-board' }, ...board.entries.map((entry) => el('li', {},
          el('span', { class: 'rank' }, String(entry.rank)),
          el('span', { class: 'name' }, entry.name),
          el('span', { class: 'points' }, t('results.points', { count: entry.points }))))),
      board.mine ? el('p', { id: 'my-place' }, t('results.my-place', {
        rank: board.mine.rank, points: t('results.points', { count: board.mine.points }),
      })) : '');
  }

  /** At most one announcement every few seconds: a screen reader is not a ticker. */
  announce(results, rows) {
    // A ranked poll's leader is the run-off's, not the most first preferences.
    const rounds = results.rounds || [];
    const runoffWinner = rounds.length ? rounds[rounds.length - 1].winner : null;
    const leader = (runoffWinner && rows.find((row) => row.id === runoffWinner))
      || [...rows].sort((a, b) => b.votes - a.votes)[0];
    let detail = '';
    if (results.nps) detail = t('results.announce.nps', { score: results.nps.score });
    else if (results.mean !== undefined && results.mean !== null) detail = t('results.announce.mean', { mean: results.mean });
    else if (results.words) detail = leader && leader.votes > 0 ? t('results.announce.most-written', { word: leader.label }) : '';
    else if (leader && leader.votes > 0) detail = t('results.announce.leading', { label: leader.label, votes: votesText(leader) });
    const text = t(results.final ? 'results.announce.final' : 'results.announce.total', { ballots: ballotsText(results) })
      + detail;
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
    const header = el('tr', {}, el('th', { scope: 'col' }, t('results.option')),
      ...results.rounds.map((round) => el('th', { scope: 'col', class: 'number' }, t('results.round', { round: round.round }))));
    const rows = results.options.map((option) => el('tr', {}, el('th', { scope: 'row' }, option.label),
      ...results.rounds.map((round) => el('td', { class: 'number' },
        round.votes[option.id] === undefined ? '–' : formatNumber(round.votes[option.id])))));
    const outcome = results.rounds.map((round) => round.winner
      ? t('results.round.wins', { round: round.round, label: labels.get(round.winner) })
      : (round.eliminated ? t('results.round.eliminated', { round: round.round, label: labels.get(round.eliminated) }) : ''));
    const last = results.rounds[results.rounds.length - 1];
    const verdict = last.winner
      ? el('p', { class: 'runoff-winner', id: 'runoff-winner' },
        results.final ? t('results.runoff.winner') : t('results.runoff.leading'), el('strong', {}, labels.get(last.winner)),
        t('results.runoff.after', { count: results.rounds.length }))
      : '';
    document.getElementById('rounds-body').replaceChildren(
      verdict,
      el('table', {}, el('caption', { class: 'visually-hidden' }, t('results.rounds.caption')),
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
      showMessage(messageSlot, 'error', t('results.stream.stopped'));
    } else {
      showMessage(messageSlot, 'info', t('results.stream.reconnecting'));
    }
  });
  return source;
}

/**
 * What a page does once its caller has voted (the vote page, the embedded page): shows the section with the live
 * results, or says when they come (results shown once the poll closes; its owners and admins see them before).
 * Returns the onVoted function for pollPage.
 */
export function liveResultsOnceVoted(section, messageSlot) {
  let following = false;
  async function follow(poll) {
    if (following) return;
    following = true;
    section.hidden = false;
    if (poll.resultsVisibility === 'AFTER_CLOSE') {
      try {
        await api(`/polls/${encodeURIComponent(poll.id)}/results`);
      } catch (hidden) {
        showMessage(messageSlot, 'info', t('results.after-close'));
        return;
      }
    }
    const view = new ResultsView(poll);
    await followResults(poll.id, (results) => view.show(results), messageSlot);
  }
  return (poll) => follow(poll).catch((problem) => showMessage(messageSlot, 'error', problem.message));
}
