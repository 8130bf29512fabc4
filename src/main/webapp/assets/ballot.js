// A poll's ballot on a page: one form per poll type, the receipt on success, plain words for every refusal. The vote
// page shows one poll; an event's page shows the poll its presenter has on screen.
import { api, el, showMessage, formatTime, Problem, t } from './common.js';
import { rankingList } from './ranking.js';
import { keepReceipt } from './receipts.js';

/**
 * The ballot of one poll, drawn into the page's slots: message (role=status), ballot, title and description.
 * onVoted(poll, receipt) follows an accepted vote, and the page's drawing when the caller has voted before;
 * onClosed(poll) a drawing of a poll that no longer takes votes.
 */
export function pollPage(pollId, {
  message, ballot, title, description, onVoted = () => {}, onClosed = () => {}, setsDocumentTitle = true,
}) {
  /** How far the server's clock is ahead of this device's (milliseconds; the Date header's second is the limit). */
  let serverClockAhead = 0;
  const resultsHref = `/app/results.html?poll=${encodeURIComponent(pollId || '')}`;

  function resultsLink() {
    return el('p', {}, el('a', { href: resultsHref }, t('ballot.see-results')));
  }

  function say(kind, ...content) {
    showMessage(message, kind, ...content);
    message.focus();
  }

  /** The choice in words: "Lisbon", "1. Lisbon, 2. Oslo", "4", "“More demos”"; empty when it is not known. */
  function choiceWords(poll, chosen) {
    if (!chosen) return '';
    if (chosen.rating !== undefined && chosen.rating !== null) return String(chosen.rating);
    if (chosen.text) return `“${chosen.text}”`;
    const labels = (chosen.optionIds || [])
      .map((id) => ((poll.options || []).find((option) => option.id === id) || {}).label)
      .filter(Boolean);
    return poll.type === 'RANKED' ? labels.map((label, i) => `${i + 1}. ${label}`).join(', ') : labels.join(', ');
  }

  function receiptMessage(receipt, intro, poll, chosen) {
    const words = poll ? choiceWords(poll, chosen) : '';
    return [
      el('strong', {}, intro),
      words ? el('br') : '',
      words ? t('ballot.you-voted') : '',
      words ? el('strong', { id: 'my-choice' }, words) : '',
      el('br'),
      t('ballot.receipt'), el('code', { id: 'receipt-id' }, receipt.receiptId),
      t('ballot.accepted-at', { time: formatTime(receipt.acceptedAt) }),
    ];
  }

  function refusal(problem) {
    switch (problem.kind) {
      case 'already-voted':
        return t('ballot.refused.already-voted');
      case 'poll-not-open':
        return t('ballot.refused.not-open');
      case 'time-up':
        return t('ballot.refused.time-up');
      default:
        if (problem.status === 403) return t('ballot.refused.forbidden');
        if (problem.status === 404) return t('ballot.refused.no-such-poll');
        if (problem.status === 429) return t('ballot.refused.too-many');
        if (problem.status === 503) return t('ballot.refused.unavailable');
        return problem.message;
    }
  }

  function choiceInputs(poll, kind, previous) {
    return poll.options.map((option) => el('label', { class: 'choice' },
      el('input', {
        type: kind, name: 'choice', value: option.id,
        checked: previous.includes(option.id),
      }),
      option.label));
  }

  /** MULTIPLE: never more than maxChoices ticked; the rest are disabled once the limit is reached. */
  function enforceMaxChoices(fieldset, max, hint) {
    const boxes = [...fieldset.querySelectorAll('input[type=checkbox]')];
    const update = () => {
      const ticked = boxes.filter((box) => box.checked).length;
      boxes.forEach((box) => { box.disabled = !box.checked && ticked >= max; });
      hint.textContent = t('ballot.choose-up-to', { max, count: ticked });
    };
    boxes.forEach((box) => box.addEventListener('change', update));
    update();
  }

  /** RATING and NPS: the scale as a row of large radio buttons (arrow keys move along it), its ends named. */
  function scaleControl(poll, previous) {
    const { min, max } = poll.scale;
    const labels = poll.scaleLabels
      || (poll.type === 'NPS' ? { min: t('ballot.nps.min'), max: t('ballot.nps.max') } : {});
    const values = [];
    for (let value = min; value <= max; value += 1) values.push(value);
    const row = el('div', { class: 'scale', role: 'radiogroup', 'aria-labelledby': 'scale-legend' },
      ...values.map((value) => el('label', { class: 'scale-value' },
        el('input', { type: 'radio', name: 'rating', value: String(value), checked: previous === value }),
        el('span', {}, String(value)))));
    const ends = el('div', { class: 'scale-ends', 'aria-hidden': 'true' },
      el('span', {}, labels.min ? `${min}: ${labels.min}` : ''), el('span', {}, labels.max ? `${max}: ${labels.max}` : ''));
    const hint = labels.min || labels.max
      ? t('ballot.scale.means', {
        min, max, minLabel: labels.min || t('ballot.scale.lowest'), maxLabel: labels.max || t('ballot.scale.highest'),
      })
      : t('ballot.scale.from-to', { min, max });
    return {
      element: el('fieldset', { 'aria-describedby': 'choice-hint' },
        el('legend', { id: 'scale-legend' }, poll.type === 'NPS' ? t('ballot.nps.legend') : t('ballot.rating.legend')),
        el('p', { class: 'muted', id: 'choice-hint' }, hint), row, ends),
      body: () => {
        const checked = row.querySelector('input:checked');
        return checked ? { rating: Number(checked.value) } : null;
      },
      empty: t('ballot.empty.rating'),
    };
  }

  /** OPEN_TEXT: a text box with a live character count against the poll's maximum. */
  function textControl(poll, previous) {
    const max = poll.maxLength;
    const counter = el('p', { class: 'muted counter', id: 'text-counter', 'aria-live': 'polite' });
    const box = el('textarea', {
      id: 'answer', name: 'text', rows: max > 120 ? 4 : 2, maxlength: String(max),
      'aria-describedby': 'text-counter',
    });
    box.value = previous || '';
    const update = () => {
      const left = max - box.value.trim().length;
      counter.textContent = t('ballot.text.count', { count: box.value.trim().length, max })
        + (left < 0 ? t('ballot.text.too-many', { count: -left }) : '');
    };
    box.addEventListener('input', update);
    update();
    return {
      element: el('div', { class: 'text-answer' }, el('label', { for: 'answer' }, t('ballot.text.label')), box, counter),
      body: () => (box.value.trim() ? { text: box.value.trim() } : null),
      empty: t('ballot.empty.text'),
      focus: box,
    };
  }

  /** QUIZ: the seconds left, counted from the poll's opening; at zero the form says so and stops. */
  function countdown(poll, form, submit) {
    if (!poll.timeLimitSeconds || !poll.openedAt) return null;
    // On the server's clock (this device's may be off): the server decides when time is up.
    const ends = Date.parse(poll.openedAt) + poll.timeLimitSeconds * 1000 - serverClockAhead;
    const clock = el('p', { class: 'countdown', id: 'countdown', role: 'timer', 'aria-live': 'off' });
    const tick = () => {
      const left = Math.max(0, Math.ceil((ends - Date.now()) / 1000));
      clock.textContent = left > 0 ? t('ballot.quiz.seconds-left', { count: left }) : t('ballot.quiz.time-up');
      clock.classList.toggle('urgent', left <= 5);
      if (left === 0) {
        submit.disabled = true;
        form.querySelectorAll('input').forEach((input) => { input.disabled = true; });
        return;
      }
      setTimeout(tick, 250);
    };
    tick();
    return clock;
  }

  function optionsControl(poll, previous) {
    if (poll.type === 'RANKED') {
      const { element, order } = rankingList(poll.options, previous);
      return {
        element: el('fieldset', { 'aria-describedby': 'ranking-help' },
          el('legend', {}, t('ballot.ranked.legend')),
          el('p', { class: 'muted', id: 'ranking-help' }, t('ballot.ranked.help')),
          element),
        body: () => (order().length ? { optionIds: order() } : null),
        empty: t('ballot.empty.ranked'),
      };
    }
    const several = poll.type === 'MULTIPLE' || (poll.type === 'QUIZ' && poll.maxChoices > 1);
    const kind = several ? 'checkbox' : 'radio';
    const hint = el('p', { class: 'muted', id: 'choice-hint' });
    const fieldset = el('fieldset', { 'aria-describedby': 'choice-hint' },
      el('legend', {}, several ? t('ballot.choices.legend') : t('ballot.choice.legend')),
      hint,
      choiceInputs(poll, kind, previous));
    if (several) enforceMaxChoices(fieldset, poll.maxChoices || poll.options.length, hint);
    else hint.textContent = t('ballot.choose-one');
    return {
      element: fieldset,
      body: () => {
        const optionIds = [...fieldset.querySelectorAll('input[name=choice]:checked')].map((input) => input.value);
        return optionIds.length ? { optionIds } : null;
      },
      empty: t('ballot.empty.choice'),
    };
  }

  function controlFor(poll, receipt) {
    if (poll.type === 'RATING' || poll.type === 'NPS') return scaleControl(poll, receipt && receipt.rating);
    if (poll.type === 'OPEN_TEXT') return textControl(poll, receipt && receipt.text);
    return optionsControl(poll, (receipt && receipt.optionIds) || []);
  }

  function ballotForm(poll, receipt) {
    const form = el('form', { novalidate: true });
    const control = controlFor(poll, receipt);
    form.append(control.element);
    const error = el('p', { class: 'field-error', id: 'ballot-error', role: 'alert' });
    const submit = el('button', { type: 'submit', class: 'cast' }, receipt ? t('ballot.change-vote') : t('ballot.cast'));
    form.append(error, submit);
    if (poll.type === 'QUIZ') {
      const clock = countdown(poll, form, submit);
      if (clock) form.prepend(clock);
    }
    // An error about an empty ballot goes once the voter answers (ranking is done with buttons).
    form.addEventListener('input', () => { error.textContent = ''; });
    form.addEventListener('change', () => { error.textContent = ''; });
    form.addEventListener('click', (event) => {
      if (event.target.closest('button[type=button]')) error.textContent = '';
    });
    // The same choice sent again (a retry after a lost answer) carries the same key; another choice a new one.
    const keys = new Map();
    const keyFor = (body) => {
      const choice = JSON.stringify(body);
      if (!keys.has(choice)) keys.set(choice, crypto.randomUUID());
      return keys.get(choice);
    };
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = control.body();
      if (!body) {
        error.textContent = control.empty;
        if (control.focus) control.focus.focus();
        return;
      }
      error.textContent = '';
      submit.disabled = true;
      busy = true;
      try {
        const receipt = await api(`/polls/${encodeURIComponent(poll.id)}/votes`, {
          method: 'POST', body, headers: { 'Idempotency-Key': keyFor(body) },
        });
        await keepReceipt(poll, receipt, body); // for "Check my ballot" once the poll is certified
        if (left) return; // an event moved on meanwhile: its page shows another poll now
        shown.receiptId = receipt.receiptId;
        ballot.replaceChildren(resultsLink());
        say('success', ...receiptMessage(receipt, t('ballot.thanks'), poll, body));
        onVoted(poll, receipt);
      } catch (problem) {
        if (left) return;
        submit.disabled = false;
        if (problem.kind === 'already-voted' || problem.kind === 'poll-not-open') {
          // A stale tab: the vote was cast elsewhere, or the poll closed meanwhile. Show how things are now.
          busy = false;
          await show().catch(fail);
          message.focus();
          return;
        }
        if (problem.status === 422 && problem.body.errors) {
          error.textContent = problem.body.errors.map((e) => e.message).join(' ');
        } else {
          say('error', refusal(problem));
        }
      } finally {
        busy = false;
      }
    });
    return form;
  }

  async function myReceipt(poll) {
    try {
      return await api(`/polls/${encodeURIComponent(poll.id)}/votes/mine`);
    } catch (problem) {
      if (problem.status === 404) return null;
      throw problem;
    }
  }

  /** What the page last showed: a tab that comes back into view checks that it still holds. */
  let shown = { status: null, receiptId: null };
  let listening = false;
  /** A drawing or a vote under way: a check meanwhile would race it. */
  let busy = false;
  /** The page has moved on to another poll (an event's next): answers about this one are dropped. */
  let left = false;

  async function stillCurrent() {
    if (left || busy || !pollId || document.visibilityState !== 'visible') return;
    try {
      const { body: poll } = await api(`/polls/${encodeURIComponent(pollId)}`, { withResponse: true, cache: 'no-store' });
      const receipt = poll.status === 'OPEN' ? await myReceipt(poll) : null;
      if (left || busy) return;
      if (poll.status !== shown.status || (receipt && receipt.receiptId) !== shown.receiptId) await show();
    } catch (problem) {
      // offline for a moment: the next visit checks again
    }
  }

  function fail(problem) {
    say('error', problem instanceof Problem ? refusal(problem) : String(problem));
  }

  async function show() {
    if (left) return;
    busy = true;
    try {
      await draw();
    } finally {
      busy = false;
    }
  }

  async function draw() {
    if (!listening) {
      document.addEventListener('visibilitychange', stillCurrent);
      listening = true;
    }
    shown = { status: null, receiptId: null };
    if (!pollId) {
      say('error', t('ballot.no-poll'), ' ', el('a', { href: '/app/' }, t('common.go-to-my-polls')));
      return;
    }
    const { body: poll, response } = await api(`/polls/${encodeURIComponent(pollId)}`, {
      withResponse: true, cache: 'no-store', // a fresh Date header: the server's clock now
    });
    if (left) return;
    const serverNow = Date.parse(response.headers.get('Date'));
    if (!Number.isNaN(serverNow)) serverClockAhead = serverNow - Date.now();
    if (setsDocumentTitle) document.title = t('ballot.document-title', { title: poll.title });
    title.textContent = poll.title;
    description.textContent = poll.description || '';
    shown.status = poll.status;
    if (poll.status !== 'OPEN') {
      showMessage(message, 'info', poll.status === 'DRAFT' ? t('ballot.not-opened') : t('ballot.closed'));
      ballot.replaceChildren(resultsLink());
      onClosed(poll);
      return;
    }
    const receipt = await myReceipt(poll);
    if (left) return;
    shown.receiptId = receipt && receipt.receiptId;
    if (receipt && !poll.allowVoteChange) {
      showMessage(message, 'info', ...receiptMessage(receipt, t('ballot.already-voted'), poll, receipt));
      ballot.replaceChildren(resultsLink());
      onVoted(poll, receipt);
      return;
    }
    if (receipt) {
      showMessage(message, 'info', ...receiptMessage(receipt, t('ballot.may-change'), poll, receipt));
    }
    ballot.replaceChildren(ballotForm(poll, receipt), resultsLink());
    if (receipt) onVoted(poll, receipt);
  }

  return {
    show,
    /** Says what went wrong, in plain words. */
    fail,
    /** Stops following the poll (an event moved on to another). */
    leave: () => {
      left = true;
      document.removeEventListener('visibilitychange', stillCurrent);
    },
  };
}
