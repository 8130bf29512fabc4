// The console's poll page: create or edit a poll (API validation errors next to their fields), move it through
// its lifecycle with confirmation, duplicate it, watch its results live and export them.
import { api, el, showMessage, pollIdFromAddress, Problem, t, formatTime } from '../common.js';
import { ResultsView, followResults } from '../live-results.js';
import { offerBreakdown } from '../breakdown.js';
import { consoleHeader, confirmAction, download, statusNames } from './shared.js';

const pollId = pollIdFromAddress();
const form = document.getElementById('poll-form');
const message = document.getElementById('message');
const optionsList = document.getElementById('options-list');
const field = (name) => document.getElementById(`f-${name}`);
let poll = null;
let etag = null;
let me = { roles: [] };
let stream = null;

function say(kind, ...content) {
  showMessage(message, kind, ...content);
  message.focus();
}

// ---- the options editor ----
function renumberOptions() {
  [...optionsList.children].forEach((item, index) => {
    const input = item.querySelector('input[type=text]');
    input.id = `f-options-${index}`;
    input.setAttribute('aria-describedby', `e-options-${index}`);
    item.querySelector('label').htmlFor = input.id;
    item.querySelector('label').textContent = t('console.poll.option', { number: index + 1 });
    item.querySelector('input.correct').setAttribute('aria-label', t('console.poll.option.correct', { number: index + 1 }));
    item.querySelector('.field-error').id = `e-options-${index}`;
    item.querySelector('button').setAttribute('aria-label', t('console.poll.option.remove', { number: index + 1 }));
  });
}

function addOption(option = { label: '' }) {
  const item = el('li', { class: 'field' },
    el('label', {}),
    el('div', { class: 'inline' },
      el('input', { type: 'text', maxlength: '200', value: option.label, 'data-option-id': option.id || null }),
      el('label', { class: 'choice correct-choice' },
        el('input', { type: 'checkbox', class: 'correct', checked: option.correct === true }), t('console.poll.correct')),
      el('button', { type: 'button', class: 'secondary small' }, t('console.poll.remove'))),
    el('p', { class: 'field-error' }));
  item.querySelector('button').addEventListener('click', () => {
    item.remove();
    renumberOptions();
  });
  optionsList.append(item);
  renumberOptions();
  return item;
}

document.getElementById('add-option').addEventListener('click', () => addOption().querySelector('input').focus());

const WITH_OPTIONS = ['SINGLE', 'MULTIPLE', 'RANKED', 'QUIZ'];

/** Only the fields the chosen type takes are shown (and sent). */
function showMaxChoices() {
  const type = field('type').value;
  document.getElementById('max-choices-field').hidden = type !== 'MULTIPLE' && type !== 'QUIZ';
  document.getElementById('options-fieldset').hidden = !WITH_OPTIONS.includes(type);
  document.getElementById('scale-fieldset').hidden = type !== 'RATING';
  document.getElementById('text-fields').hidden = type !== 'OPEN_TEXT';
  document.getElementById('time-limit-field').hidden = type !== 'QUIZ';
  document.getElementById('decision-fieldset').hidden = type !== 'SINGLE';
  for (const name of ['quorumPercent', 'majorityPercent']) field(name).disabled = !field('decides').checked;
  optionsList.classList.toggle('quiz', type === 'QUIZ');
  if (WITH_OPTIONS.includes(type) && optionsList.children.length === 0) {
    addOption();
    addOption();
  }
}
field('type').addEventListener('change', showMaxChoices);
field('decides').addEventListener('change', showMaxChoices);

// ---- form <-> poll ----
const toLocalInput = (instant) => {
  if (!instant) return '';
  const date = new Date(instant);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
};
const fromLocalInput = (value) => (value ? new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z') : null);

function fill(current) {
  field('title').value = current.title;
  field('description').value = current.description || '';
  field('type').value = current.type;
  optionsList.replaceChildren();
  current.options.forEach((option) => addOption(option));
  field('maxChoices').value = current.maxChoices || '';
  field('scaleMin').value = String(current.scale ? current.scale.min : 1);
  field('scaleMax').value = String(current.scale ? current.scale.max : 5);
  field('scaleLabelMin').value = (current.scaleLabels && current.scaleLabels.min) || '';
  field('scaleLabelMax').value = (current.scaleLabels && current.scaleLabels.max) || '';
  field('maxLength').value = String(current.maxLength || 280);
  field('language').value = current.language || 'en';
  field('timeLimitSeconds').value = current.timeLimitSeconds || '';
  field('decides').checked = Boolean(current.decision);
  field('quorumPercent').value = String(current.decision ? current.decision.quorumPercent : 0);
  field('majorityPercent').value = String(current.decision ? current.decision.majorityPercent : 50);
  field('resultsVisibility').value = current.resultsVisibility;
  field('anonymous').checked = current.anonymous;
  field('allowVoteChange').checked = current.allowVoteChange;
  field('audienceGroups').value = (current.audienceGroups || []).join(', ');
  field('breakdownGroups').value = (current.breakdownGroups || []).join(', ');
  field('opensAt').value = toLocalInput(current.opensAt);
  field('closesAt').value = toLocalInput(current.closesAt);
  field('retentionDays').value = current.retentionDays ?? '';
  field('retentionDays').disabled = Boolean(current.erasedAt);
  const draft = current.status === 'DRAFT';
  field('type').disabled = !draft;
  document.getElementById('options-fieldset').disabled = !draft;
  for (const name of ['scaleMin', 'scaleMax', 'maxLength', 'language', 'timeLimitSeconds', 'breakdownGroups']) {
    field(name).disabled = !draft;
  }
  document.getElementById('options-hint').hidden = draft;
  document.getElementById('decision-fieldset').disabled = !draft;
  showMaxChoices();
}

function formValues() {
  const values = {
    title: field('title').value.trim(),
    description: field('description').value,
    type: field('type').value,
    options: [...optionsList.children].map((item) => {
      const input = item.querySelector('input[type=text]');
      const option = input.dataset.optionId ? { id: input.dataset.optionId, label: input.value.trim() }
        : { label: input.value.trim() };
      if (field('type').value === 'QUIZ') option.correct = item.querySelector('input.correct').checked;
      return option;
    }),
    resultsVisibility: field('resultsVisibility').value,
    anonymous: field('anonymous').checked,
    allowVoteChange: field('allowVoteChange').checked,
    audienceGroups: field('audienceGroups').value.split(',').map((group) => group.trim()).filter(Boolean),
    breakdownGroups: field('breakdownGroups').value.split(',').map((group) => group.trim()).filter(Boolean),
    opensAt: fromLocalInput(field('opensAt').value),
    closesAt: fromLocalInput(field('closesAt').value),
    retentionDays: field('retentionDays').value === '' ? null : Number(field('retentionDays').value),
  };
  if ((values.type === 'MULTIPLE' || values.type === 'QUIZ') && field('maxChoices').value !== '') {
    values.maxChoices = Number(field('maxChoices').value);
  }
  if (!WITH_OPTIONS.includes(values.type)) values.options = [];
  if (values.type === 'RATING') {
    values.scale = { min: Number(field('scaleMin').value), max: Number(field('scaleMax').value) };
    const labels = { min: field('scaleLabelMin').value.trim(), max: field('scaleLabelMax').value.trim() };
    values.scaleLabels = labels.min || labels.max
      ? { ...(labels.min ? { min: labels.min } : {}), ...(labels.max ? { max: labels.max } : {}) } : null;
  }
  if (values.type === 'OPEN_TEXT') {
    values.maxLength = Number(field('maxLength').value);
    values.language = field('language').value;
  }
  if (values.type === 'QUIZ' && field('timeLimitSeconds').value !== '') {
    values.timeLimitSeconds = Number(field('timeLimitSeconds').value);
  }
  if (values.type === 'SINGLE') {
    // An emptied number is left out: the server's default (no quorum, more than half), not 0.
    const percent = (name) => (field(name).value === '' ? {} : { [name]: Number(field(name).value) });
    values.decision = field('decides').checked ? { ...percent('quorumPercent'), ...percent('majorityPercent') } : null;
  }
  return values;
}

/** JSON with each object's keys sorted: the server writes {max, min}, the form {min, max}. */
function canonical(value) {
  return JSON.stringify(value, (key, inner) => (inner && typeof inner === 'object' && !Array.isArray(inner)
    ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner));
}

const SHAPES_BALLOTS = ['type', 'options', 'maxChoices', 'scale', 'maxLength', 'language', 'timeLimitSeconds', 'decision',
  'breakdownGroups'];

/** A merge patch: only what changed; what shapes a ballot only while the poll is a draft. */
function changes(values) {
  const patch = {};
  for (const [name, value] of Object.entries(values)) {
    if (SHAPES_BALLOTS.includes(name) && poll.status !== 'DRAFT') continue;
    let before = poll[name] === undefined ? null : poll[name];
    // The inputs hold minutes: a stored time with seconds is unchanged unless its minute changed.
    if (name === 'opensAt' || name === 'closesAt') before = fromLocalInput(toLocalInput(before));
    if (canonical(before) !== canonical(value ?? null)) patch[name] = value;
  }
  if (poll.status === 'DRAFT') {
    // A field the chosen type no longer takes is cleared.
    for (const name of ['maxChoices', 'timeLimitSeconds', 'decision']) {
      if (poll[name] && values[name] === undefined && poll.type === values.type) patch[name] = null;
    }
  }
  if (poll.scaleLabels && values.type === 'RATING' && values.scaleLabels === null) patch.scaleLabels = null;
  return patch;
}

// ---- errors next to fields ----
function clearErrors() {
  form.querySelectorAll('.field-error').forEach((slot) => { slot.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
}

/** "options[2].label" -> the error slot and input of option 3; "title" -> the title's. */
function slotFor(name) {
  const decision = /^decision\.(\w+)$/.exec(name);
  if (decision) return { slot: document.getElementById('e-decision'), input: document.getElementById(`f-${decision[1]}`) };
  const option = /^options\[(\d+)\]/.exec(name);
  const key = option ? `options-${option[1]}` : name.split(/[.[]/)[0];
  return { slot: document.getElementById(`e-${key}`), input: document.getElementById(`f-${key}`) };
}

/** A field's name as the form calls it: "opensAt" -> "“Opens at”", "scale.min" -> "“From”". */
function fieldWords(name) {
  const key = name.replace(/^scale\.(min|max)$/, (_, end) => `scale${capitalize(end)}`).split(/[.[]/)[0];
  const label = document.querySelector(`label[for="f-${key}"]`);
  return label ? `“${label.textContent.replace(/\s*\(.*\)\s*$/, '').trim()}”` : name;
}

/** The API's messages name fields as the API does (closesAt "must be after opensAt"); the form's words instead. */
function plainWords(message) {
  return message.replace(/\b(opensAt|closesAt|maxChoices|maxLength|timeLimitSeconds|resultsVisibility|audienceGroups|breakdownGroups|scaleLabels)\b/g,
    (name) => fieldWords(name));
}

function showFieldErrors(problem) {
  clearErrors();
  const unplaced = [];
  let first = null;
  for (const error of problem.body.errors || []) {
    const { slot, input } = slotFor(error.field);
    const message = plainWords(error.message);
    if (!slot) { unplaced.push(`${fieldWords(error.field)}: ${message}`); continue; }
    slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : capitalize(message);
    if (input) { input.setAttribute('aria-invalid', 'true'); first = first || input; }
  }
  const count = (problem.body.errors || []).length;
  if (count === 0) {
    say('error', t('console.poll.not-saved', { reason: problem.message }));
    return;
  }
  say('error', t('console.poll.not-saved.fields', { count }), unplaced.length ? ` ${unplaced.join('; ')}` : '');
  if (first) first.focus();
}

const capitalize = (text) => text.charAt(0).toUpperCase() + text.slice(1);

// ---- saving ----
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const values = formValues();
  const save = document.getElementById('save');
  save.disabled = true;
  try {
    if (!poll) {
      const created = await api('/polls', { method: 'POST', body: { ...values, open: field('open').checked } });
      location.assign(`/console/poll.html?poll=${encodeURIComponent(created.id)}&created`);
      return;
    }
    const patch = changes(values);
    if (Object.keys(patch).length === 0) { say('info', t('console.poll.nothing-changed')); return; }
    const { body, response } = await api(`/polls/${encodeURIComponent(poll.id)}`, {
      method: 'PATCH', body: patch, contentType: 'application/merge-patch+json',
      headers: { 'If-Match': etag }, withResponse: true,
    });
    show(body, response.headers.get('ETag'));
    clearErrors();
    say('success', t('console.poll.saved'));
  } catch (problem) {
    if (problem.status === 400 || problem.status === 422) showFieldErrors(problem);
    else if (problem.status === 412) say('error', t('console.poll.changed-meanwhile'));
    else say('error', problem.message);
  } finally {
    save.disabled = false;
  }
});

// ---- lifecycle ----
async function transition(action, question, label, done, method = 'POST') {
  if (!(await confirmAction(question, label))) return;
  try {
    if (action === 'delete') {
      await api(`/polls/${encodeURIComponent(poll.id)}`, { method: 'DELETE', headers: { 'If-Match': etag } });
      location.assign('/console/?deleted');
      return;
    }
    const { body, response } = await api(`/polls/${encodeURIComponent(poll.id)}/${action}`,
      { method, withResponse: true });
    show(body, response.headers.get('ETag'));
    say('success', done);
  } catch (problem) {
    say('error', problem.message);
  }
}

async function duplicate() {
  const copy = {
    title: t('console.poll.copy-of', { title: poll.title }).slice(0, 200), description: poll.description, type: poll.type,
    options: poll.options.map((option) => ({ label: option.label })), resultsVisibility: poll.resultsVisibility,
    anonymous: poll.anonymous, allowVoteChange: poll.allowVoteChange, audienceGroups: poll.audienceGroups,
    breakdownGroups: poll.breakdownGroups,
  };
  if (poll.type === 'QUIZ') copy.options = poll.options.map((option) => ({ label: option.label, correct: option.correct }));
  for (const name of ['maxChoices', 'scale', 'scaleLabels', 'maxLength', 'language', 'timeLimitSeconds', 'decision',
    'retentionDays']) {
    if (poll[name] !== undefined && poll[name] !== null && !(poll.type === 'NPS' && name === 'scale')) copy[name] = poll[name];
  }
  try {
    const created = await api('/polls', { method: 'POST', body: copy });
    location.assign(`/console/poll.html?poll=${encodeURIComponent(created.id)}&duplicated`);
  } catch (problem) {
    say('error', problem.message);
  }
}

/** What became of the ballots (erased, held, kept for so long) and whether the poll may still reopen. */
function showStatusLine() {
  const parts = [];
  if (poll.erasedAt) parts.push(t('console.poll.erased', { time: formatTime(poll.erasedAt) }));
  else if (poll.legalHold) parts.push(t('console.poll.held'));
  else if (poll.retentionDays !== undefined && poll.retentionDays !== null) {
    parts.push(t('console.poll.retained', { days: poll.retentionDays }));
  }
  if (poll.breakdownShownAt) parts.push(t('console.poll.breakdown-shown', { time: formatTime(poll.breakdownShownAt) }));
  const line = document.getElementById('retention-line');
  line.textContent = parts.join(' ');
  line.hidden = parts.length === 0;
}

/** Once its results by group are first shown, the poll is a new version that no longer reopens: read it again. */
async function breakdownShown() {
  if (poll.breakdownShownAt) return;
  try {
    const { body, response } = await api(`/polls/${encodeURIComponent(poll.id)}`, { withResponse: true });
    poll = body;
    etag = response.headers.get('ETag');
    showStatusLine();
    lifecycleButtons();
  } catch (problem) {
    // the page as it was; a lifecycle step it offers still answers for itself
  }
}

function lifecycleButtons() {
  const title = poll.title;
  const button = (label, handler, kind = '') => el('button', { type: 'button', class: kind, onclick: handler }, label);
  /** A lifecycle step: its button (which also confirms it), the question before it, what it says when done. */
  const step = (action, [label, question, done], kind = '', method = 'POST') => button(t(label),
    () => transition(action, t(question, { title }), t(label), t(done), method), kind);
  const buttons = [];
  if (poll.status === 'DRAFT') {
    buttons.push(step('open', ['console.poll.open', 'console.poll.open.confirm', 'console.poll.open.done']));
  }
  if (poll.status === 'OPEN') {
    buttons.push(step('close', ['console.poll.close', 'console.poll.close.confirm', 'console.poll.close.done']));
  }
  if (poll.status === 'CLOSED' && !poll.erasedAt && !poll.breakdownShownAt) {
    buttons.push(step('open', ['console.poll.reopen', 'console.poll.reopen.confirm', 'console.poll.reopen.done']));
  }
  if (poll.status === 'CLOSED') {
    buttons.push(step('archive',
      ['console.poll.archive', 'console.poll.archive.confirm', 'console.poll.archive.done'], 'secondary'));
  }
  buttons.push(button(t('console.poll.duplicate'), duplicate, 'secondary'));
  const admin = me.roles.includes('admin');
  if (admin && poll.legalHold) {
    buttons.push(step('legal-hold',
      ['console.poll.lift-hold', 'console.poll.lift-hold.confirm', 'console.poll.lift-hold.done'], 'secondary', 'DELETE'));
  } else if (admin && !poll.erasedAt) {
    buttons.push(step('legal-hold',
      ['console.poll.place-hold', 'console.poll.place-hold.confirm', 'console.poll.place-hold.done'], 'secondary'));
  }
  if ((poll.status === 'DRAFT' || admin) && !poll.legalHold) {
    buttons.push(step('delete',
      ['console.poll.delete', 'console.poll.delete.confirm', 'console.poll.delete.done'], 'secondary danger'));
  }
  document.getElementById('lifecycle').replaceChildren(...buttons);
}

// ---- results and exports ----
function showResults() {
  const section = document.getElementById('results-section');
  if (poll.status === 'DRAFT' || stream) { section.hidden = poll.status === 'DRAFT'; return; }
  section.hidden = false;
  document.getElementById('export-csv').href = `/api/v1/polls/${encodeURIComponent(poll.id)}/results.csv`;
  const view = new ResultsView(poll, { leaderboardWhileOpen: true });
  const breakdown = offerBreakdown(document.getElementById('breakdown'), poll, breakdownShown);
  stream = 'starting'; // one stream per page, even if the poll is saved while it connects
  followResults(poll.id, (results) => { view.show(results); breakdown(results); },
    document.getElementById('results-message'))
    .then((source) => { stream = source || null; });
}

// ---- open-text answers: moderation ----
const RESPONSES_PAGE = 50;
let responsesPage = 0;
const responsesListed = new Set();

function responseItem(response) {
  const state = t(response.held ? 'console.answer.held' : (response.hidden ? 'console.answer.hidden' : 'console.answer.shown'));
  const toggle = el('button', { type: 'button', class: 'secondary small' },
    response.hidden || response.held ? t('console.show') : t('console.hide'));
  toggle.setAttribute('aria-label', t('console.answer.toggle', { action: toggle.textContent, text: response.text }));
  const item = el('li', { class: `response ${response.hidden || response.held ? 'is-hidden' : ''}` },
    el('p', { class: 'text' }, response.text),
    el('p', { class: 'muted meta' }, `${formatTime(response.submittedAt)} · `,
      el('span', { class: 'state' }, state)),
    toggle);
  toggle.addEventListener('click', async () => {
    const action = response.hidden || response.held ? 'show' : 'hide';
    toggle.disabled = true;
    try {
      const changed = await api(`/polls/${encodeURIComponent(poll.id)}/responses/${encodeURIComponent(response.id)}/${action}`,
        { method: 'POST' });
      const fresh = responseItem(changed);
      item.replaceWith(fresh);
      fresh.querySelector('button').focus();
      showMessage(document.getElementById('responses-message'), 'success',
        action === 'hide' ? t('console.answer.now-hidden') : t('console.answer.now-shown'));
    } catch (problem) {
      toggle.disabled = false;
      showMessage(document.getElementById('responses-message'), 'error', problem.message);
    }
  });
  return item;
}

/** Newest first, a page at a time; answers that arrived meanwhile shift the pages, so each is listed once. */
async function loadResponses(more = false) {
  const list = document.getElementById('responses');
  if (!more) { list.replaceChildren(); responsesPage = 0; responsesListed.clear(); }
  const page = await api(`/polls/${encodeURIComponent(poll.id)}/responses?page=${responsesPage}`
    + `&size=${RESPONSES_PAGE}`);
  responsesPage += 1;
  const fresh = page.items.filter((response) => !responsesListed.has(response.id));
  fresh.forEach((response) => responsesListed.add(response.id));
  list.append(...fresh.map(responseItem));
  if (page.total === 0) list.replaceChildren(el('li', { class: 'muted' }, t('results.no-answers')));
  document.getElementById('more-responses').hidden = responsesPage * RESPONSES_PAGE >= page.total;
}

function showResponses() {
  const section = document.getElementById('responses-section');
  section.hidden = poll.type !== 'OPEN_TEXT' || poll.status === 'DRAFT';
  if (!section.hidden) {
    loadResponses().catch((problem) => showMessage(document.getElementById('responses-message'), 'error', problem.message));
  }
}
document.getElementById('more-responses').addEventListener('click', () => loadResponses(true)
  .catch((problem) => showMessage(document.getElementById('responses-message'), 'error', problem.message)));

document.getElementById('export-json').addEventListener('click', async () => {
  try {
    const results = await api(`/polls/${encodeURIComponent(poll.id)}/results`);
    download(`poll-${poll.id}-results.json`, 'application/json', JSON.stringify({ poll, results }, null, 2));
  } catch (problem) {
    say('error', problem.message);
  }
});

function show(current, tag) {
  poll = current;
  etag = tag;
  document.title = t('console.poll.document-title', { title: poll.title });
  document.getElementById('heading').textContent = poll.title;
  document.getElementById('status-line').textContent =
    t('console.poll.status-line', { status: statusNames[poll.status], author: poll.createdBy, id: poll.id });
  showStatusLine();
  document.getElementById('save').textContent = t('console.poll.save-changes');
  document.getElementById('open-now-field').hidden = true;
  fill(poll);
  lifecycleButtons();
  showResults();
  showResponses();
}

async function start() {
  me = await consoleHeader().catch(() => me);
  if (!pollId) {
    addOption();
    addOption();
    showMaxChoices();
    return;
  }
  const { body, response } = await api(`/polls/${encodeURIComponent(pollId)}`, { withResponse: true });
  show(body, response.headers.get('ETag'));
  const params = new URLSearchParams(location.search);
  if (params.has('created')) showMessage(message, 'success', t('console.poll.created'));
  if (params.has('duplicated')) showMessage(message, 'success', t('console.poll.duplicated'));
}

start().catch((problem) => say('error', problem instanceof Problem ? problem.message : String(problem)));
