// Shared by the pages: calls to the REST API, problem+json messages, and DOM helpers that never parse
// user-provided text as HTML.

import { t } from './i18n.js';

export { t, formatTime, formatNumber } from './i18n.js';

const API = '/api/v1';

/** Thrown when the API answers with a problem. */
export class Problem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || t('problem.status', { status }));
    this.status = status;
    this.body = body || {};
  }
  /** The problem's kind: the last segment of its type URI ("already-voted", "poll-not-open"). */
  get kind() {
    const type = this.body.type || '';
    return type.substring(type.lastIndexOf('/') + 1);
  }
}

/** Sends the browser to the login page, to come back here afterwards. */
export function signInAgain() {
  location.assign('/login.html?next=' + encodeURIComponent(location.pathname + location.search));
}

let whenSignedOut = signInAgain;

/**
 * What a 401 from the API does instead of going to the login page: a framed page (embed.js) cannot show the login
 * page, which no site may frame.
 */
export function onSignedOut(action) {
  whenSignedOut = action;
}

/** Calls the API; resolves with the JSON body (or null), rejects with a Problem. */
export async function api(path, {
  method = 'GET', body, headers = {}, contentType = 'application/json', withResponse = false, cache = 'default',
} = {}) {
  const init = { method, credentials: 'same-origin', cache, headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = contentType;
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(API + path, init);
  } catch (offline) {
    throw new Problem(0, { detail: t('problem.offline') });
  }
  if (response.status === 401) {
    whenSignedOut();
    throw new Problem(401, { detail: t('problem.signed-out') });
  }
  const type = response.headers.get('Content-Type') || '';
  const json = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new Problem(response.status, json);
  }
  return withResponse ? { body: json, response } : json;
}

/** Creates an element with attributes and children; strings become text nodes, never markup. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on')) element.addEventListener(name.substring(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Shows a message in a container: kind is success, error or info. */
export function showMessage(container, kind, ...content) {
  container.replaceChildren(el('div', { class: `message ${kind}` }, ...content));
}

/** The poll id in the page's address (?poll=...). */
export function pollIdFromAddress() {
  return new URLSearchParams(location.search).get('poll');
}

/** Fills the page header: who is signed in, and the way out. */
export async function signedInHeader() {
  const me = await api('/me');
  const slot = document.getElementById('who');
  if (slot) slot.textContent = me.name;
  const consoleLink = document.getElementById('console-link');
  if (consoleLink) consoleLink.hidden = !me.roles.some((role) => role === 'admin' || role === 'author');
  return me;
}

export const typeNames = Object.fromEntries(['SINGLE', 'MULTIPLE', 'RANKED', 'RATING', 'NPS', 'OPEN_TEXT', 'QUIZ']
  .map((type) => [type, t(`type.${type}`)]));
