// The vote page: one ballot form per poll type, the receipt on success, plain words for every refusal.
import { api, el, showMessage, signedInHeader, pollIdFromAddress, formatTime, Problem } from './common.js';
import { rankingList } from './ranking.js';

const pollId = pollIdFromAddress();
const message = document.getElementById('message');
const ballot = document.getElementById('ballot');
const resultsHref = `/app/results.html?poll=${encodeURIComponent(pollId || '')}`;

signedInHeader().catch(() => {});

function resultsLink() {
  return el('p', {}, el('a', { href: resultsHref }, 'See the results'));
}

function say(kind, ...content) {
  showMessage(message, kind, ...content);
  message.focus();
}

function receiptMessage(receipt, intro) {
  return [
    el('strong', {}, intro),
    el('br'),
    'Receipt: ', el('code', { id: 'receipt-id' }, receipt.receiptId),
    ` · accepted ${formatTime(receipt.acceptedAt)}`,
  ];
}

function refusal(problem) {
  switch (problem.kind) {
    case 'already-voted':
      return 'You have already voted in this poll, and this poll does not allow changing a vote.';
    case 'poll-not-open':
      return 'This poll is not open for voting.';
    default:
      if (problem.status === 403) return 'This poll is not open to you.';
      if (problem.status === 404) return 'There is no such poll.';
      if (problem.status === 429) return 'Too many votes at once. Wait a moment and try again.';
      if (problem.status === 503) return 'Voting is briefly unavailable. Your vote was not recorded; please try again.';
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
    hint.textContent = `Choose up to ${max}. ${ticked} chosen.`;
  };
  boxes.forEach((box) => box.addEventListener('change', update));
  update();
}

function ballotForm(poll, previous) {
  const form = el('form', { novalidate: true });
  let chosen;
  if (poll.type === 'RANKED') {
    const { element, order } = rankingList(poll.options, previous);
    form.append(el('fieldset', {},
      el('legend', {}, 'Rank the options, your favourite first'),
      el('p', { class: 'muted', id: 'ranking-help' },
        'Drag an option, or focus it and press the Up and Down arrow keys, or use its buttons.'),
      element));
    chosen = order;
  } else {
    const kind = poll.type === 'MULTIPLE' ? 'checkbox' : 'radio';
    const hint = el('p', { class: 'muted', id: 'choice-hint' });
    const fieldset = el('fieldset', { 'aria-describedby': 'choice-hint' },
      el('legend', {}, poll.type === 'MULTIPLE' ? 'Your choices' : 'Your choice'),
      hint,
      choiceInputs(poll, kind, previous));
    if (poll.type === 'MULTIPLE') enforceMaxChoices(fieldset, poll.maxChoices || poll.options.length, hint);
    else hint.textContent = 'Choose one.';
    form.append(fieldset);
    chosen = () => [...form.querySelectorAll('input[name=choice]:checked')].map((input) => input.value);
  }
  const error = el('p', { class: 'field-error', id: 'ballot-error', role: 'alert' });
  const submit = el('button', { type: 'submit' }, previous.length ? 'Change my vote' : 'Cast my vote');
  form.append(error, submit);
  // The same choice sent again (a retry after a lost answer) carries the same key; another choice a new one.
  const keys = new Map();
  const keyFor = (optionIds) => {
    const choice = JSON.stringify(optionIds);
    if (!keys.has(choice)) keys.set(choice, crypto.randomUUID());
    return keys.get(choice);
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const optionIds = chosen();
    if (optionIds.length === 0) {
      error.textContent = 'Choose an option first.';
      return;
    }
    error.textContent = '';
    submit.disabled = true;
    try {
      const receipt = await api(`/polls/${encodeURIComponent(poll.id)}/votes`, {
        method: 'POST', body: { optionIds }, headers: { 'Idempotency-Key': keyFor(optionIds) },
      });
      ballot.replaceChildren(resultsLink());
      say('success', ...receiptMessage(receipt, 'Thank you, your vote is in.'));
    } catch (problem) {
      submit.disabled = false;
      if (problem.status === 422 && problem.body.errors) {
        error.textContent = problem.body.errors.map((e) => e.message).join(' ');
      } else {
        say('error', refusal(problem));
      }
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

async function show() {
  if (!pollId) {
    say('error', 'No poll was given. ', el('a', { href: '/app/' }, 'Go to my polls'));
    return;
  }
  const poll = await api(`/polls/${encodeURIComponent(pollId)}`);
  document.title = `${poll.title} · Vote · Intrapoll`;
  document.getElementById('title').textContent = poll.title;
  document.getElementById('description').textContent = poll.description || '';
  if (poll.status !== 'OPEN') {
    showMessage(message, 'info', poll.status === 'DRAFT'
      ? 'This poll has not opened yet.' : 'This poll is closed; voting has ended.');
    ballot.replaceChildren(resultsLink());
    return;
  }
  const receipt = await myReceipt(poll);
  if (receipt && !poll.allowVoteChange) {
    showMessage(message, 'info', ...receiptMessage(receipt, 'You have already voted in this poll.'));
    ballot.replaceChildren(resultsLink());
    return;
  }
  if (receipt) {
    showMessage(message, 'info', ...receiptMessage(receipt, 'You have voted; you may change your vote.'));
  }
  ballot.replaceChildren(ballotForm(poll, (receipt && receipt.optionIds) || []), resultsLink());
}

show().catch((problem) => say('error', problem instanceof Problem ? refusal(problem) : String(problem)));
