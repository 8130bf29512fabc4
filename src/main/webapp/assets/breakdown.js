// "By group": a closed poll's results per breakdown group (API.md, "Breakdowns that protect small groups"), with the
// groups the server withheld shown as withheld, never as zero.
import { api, el, t, formatNumber } from './common.js';

const WORDS_PER_GROUP = 5;

/** A number in the page's language (1,234 / 1.234 / 1 234). */
function number(value, digits = 0) {
  return formatNumber(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A share the API gives in percent (one decimal), as the language writes it: "12.5%", "12,5 %". */
function percentText(percent) {
  return formatNumber(percent / 100, { style: 'percent', maximumFractionDigits: 1 });
}

/** The columns a group's row has, after the group's name: by the poll's type. */
function columns(poll) {
  if (poll.type === 'RATING' || poll.type === 'NPS') {
    const scale = [
      { head: t('breakdown.ballots'), number: true, cell: (group) => number(group.totalBallots) },
      { head: t('results.mean'), number: true, cell: (group) => (group.mean == null ? '–' : number(group.mean, 2)) },
      { head: t('results.median'), number: true, cell: (group) => (group.median == null ? '–' : number(group.median, 1)) },
    ];
    if (poll.type === 'NPS') {
      scale.push({ head: t('breakdown.nps'), number: true, cell: (group) => (group.nps ? number(group.nps.score) : '–') });
    }
    return scale;
  }
  if (poll.type === 'OPEN_TEXT') {
    return [
      { head: t('breakdown.ballots'), number: true, cell: (group) => number(group.totalBallots) },
      {
        head: t('breakdown.words'),
        cell: (group) => (group.words || []).slice(0, WORDS_PER_GROUP)
          .map((word) => `${word.word} (${number(word.count)})`).join(', ') || '–',
      },
    ];
  }
  return [
    { head: t('breakdown.ballots'), number: true, cell: (group) => number(group.totalBallots) },
    ...poll.options.map((option, index) => ({
      head: option.label,
      number: true,
      cell: (group) => {
        const result = group.options[index];
        return [number(result.votes), el('span', { class: 'share' }, percentText(result.percent))];
      },
    })),
  ];
}

function table(poll, breakdown) {
  const cols = columns(poll);
  return el('div', { class: 'table-wrap' },
    el('table', { class: 'breakdown' },
      el('caption', { class: 'visually-hidden' }, t('breakdown.caption')),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col' }, t('breakdown.group')),
        ...cols.map((col) => el('th', { scope: 'col', class: col.number ? 'number' : '' }, col.head)))),
      el('tbody', {}, ...breakdown.groups.map((group) => (group.suppressed
        // The reason under the name, where a phone's narrow view of a wide table still shows it.
        ? el('tr', { class: 'withheld' },
          el('th', { scope: 'row' }, group.group, el('span', { class: 'withheld-note' }, t('breakdown.withheld'))),
          ...cols.map((col) => el('td', { class: col.number ? 'number' : '' }, '–')))
        : el('tr', {},
          el('th', { scope: 'row' }, group.group),
          ...cols.map((col) => el('td', { class: col.number ? 'number' : '' }, col.cell(group)))))))));
}

const FIRST_RETRY_MS = 2000;
const LONGEST_RETRY_MS = 30000;

/**
 * Shows the poll's results by group in the section once they are final (seconds after the close, when every ballot
 * is surely counted); while the poll is open, says when they will be. Nothing for a poll without breakdown groups.
 * Once shown, the breakdown is fixed (the poll does not reopen), so it is read once; while it is being counted, or
 * the server or the network is away for a moment, it is asked for again, less and less often.
 */
export function offerBreakdown(section, poll, onShown = () => {}) {
  let reading = false;
  const heading = () => el('h2', { id: 'breakdown-heading' }, t('breakdown.heading'));
  const note = (key) => section.replaceChildren(heading(), el('p', { class: 'muted' }, t(key)));
  const read = async (delay) => {
    try {
      const breakdown = await api(`/polls/${encodeURIComponent(poll.id)}/results?by=group`);
      const withheld = breakdown.groups.some((group) => group.suppressed);
      section.replaceChildren(heading(),
        table(poll, breakdown),
        el('p', { class: 'muted' }, t('breakdown.note', { min: breakdown.minGroupSize })),
        ...(withheld ? [el('p', { class: 'muted' }, t('breakdown.why-withheld'))] : []));
      onShown(breakdown);
    } catch (problem) {
      if (problem.kind === 'not-all-counted' || problem.status === 503 || problem.status === 0) {
        note('breakdown.counting');
        setTimeout(() => read(Math.min(delay * 2, LONGEST_RETRY_MS)), delay);
        return;
      }
      reading = false; // the next results event tries again
      section.replaceChildren(heading(), el('p', { class: 'muted' }, problem.message));
    }
  };
  return (results) => {
    if (reading || !poll.breakdownGroups || poll.breakdownGroups.length === 0) return;
    section.hidden = false;
    if (!results.final) {
      note('breakdown.once-closed');
      return;
    }
    reading = true;
    read(FIRST_RETRY_MS);
  };
}
