// The embedded poll page (/embed/{pollId}), framed by intranet sites: one poll's ballot and, once voted, its live
// results, in a small view. Nothing navigates the frame away: links open a tab of their own, and a visitor who is
// not signed in signs in in a window of its own (no site may frame the login page), which comes back to
// /embed/signed-in and tells this frame.
import { api, onSignedOut, showMessage, t } from './common.js';
import { pollPage } from './ballot.js';
import { liveResultsOnceVoted } from './live-results.js';

const SIGNED_IN = 'intrapoll:signed-in';
/** Set when the sign-in window said it is done: a 401 after that is the browser keeping the cookie from the frame. */
const SIGNED_IN_ELSEWHERE = 'intrapoll-embed-signed-in';
const message = document.getElementById('message');
const name = decodeURIComponent(location.pathname.substring('/embed/'.length));

if (name === 'signed-in') {
  signedInWindow();
} else {
  embed(name);
}

/** The sign-in window, back from the login page: tells the frame that opened it, and closes. */
function signedInWindow() {
  document.getElementById('title').textContent = t('embed.signed-in');
  document.querySelector('.embed-footer').hidden = true;
  showMessage(message, 'success', t('embed.signed-in.close'));
  if (window.opener) {
    window.opener.postMessage(SIGNED_IN, location.origin);
    window.close();
  }
}

function embed(pollId) {
  document.getElementById('open-in-intrapoll').href = `/app/vote.html?poll=${encodeURIComponent(pollId)}`;
  // Every link opens a tab of its own: the pages behind them may not be framed.
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href]');
    if (link) {
      link.target = '_blank';
      link.rel = 'noopener';
    }
  }, true);

  const page = pollPage(pollId, {
    message,
    ballot: document.getElementById('ballot'),
    title: document.getElementById('title'),
    description: document.getElementById('description'),
    onVoted: liveResultsOnceVoted(document.getElementById('poll-results'), document.getElementById('results-message')),
  });
  onSignedOut(showSignIn);
  window.addEventListener('message', (event) => {
    if (event.origin === location.origin && event.data === SIGNED_IN) {
      sessionStorage.setItem(SIGNED_IN_ELSEWHERE, '1');
      location.reload();
    }
  });
  document.getElementById('sign-in-button').addEventListener('click', openSignInWindow);
  document.getElementById('allow-button').addEventListener('click', () => askForStorageAccess(page));
  storageAccessIfGranted().then(() => show(page));
}

function show(page) {
  page.show().then(
    () => sessionStorage.removeItem(SIGNED_IN_ELSEWHERE),
    (problem) => (problem.status === 401 ? undefined : page.fail(problem)));
}

/**
 * A browser that keeps Intrapoll's cookie from frames in other sites grants access per page: once allowed, a new
 * page (a reload, the next visit) asks again, and is answered without a click.
 */
async function storageAccessIfGranted() {
  if (!document.requestStorageAccess || !navigator.permissions) return;
  try {
    const permission = await navigator.permissions.query({ name: 'storage-access' });
    if (permission.state === 'granted') await document.requestStorageAccess();
  } catch (unsupported) {
    // the browser knows no such permission, or takes it back: the sign-in box says what to do
  }
}

/**
 * Not signed in, as far as this frame can tell: either not at all, or (after the sign-in window said it is done)
 * the browser keeps Intrapoll's cookie from frames in other sites; then it may let this page have it once asked
 * (the Storage Access API).
 */
async function showSignIn() {
  document.getElementById('sign-in').hidden = false;
  message.replaceChildren();
  const blocked = sessionStorage.getItem(SIGNED_IN_ELSEWHERE) === '1';
  if (blocked && document.requestStorageAccess && !(await document.hasStorageAccess())) {
    document.getElementById('sign-in-heading').textContent = t('embed.one-more-step');
    document.getElementById('sign-in-text').textContent = t('embed.storage-access.why');
    document.getElementById('sign-in-button').hidden = true;
    document.getElementById('allow-button').hidden = false;
  }
}

function openSignInWindow() {
  const opened = window.open('/login.html?next=' + encodeURIComponent('/embed/signed-in'), 'intrapoll-sign-in',
    'popup,width=480,height=640');
  if (!opened) {
    showMessage(message, 'error', t('embed.popup-blocked'));
  }
}

async function askForStorageAccess(page) {
  try {
    await document.requestStorageAccess();
  } catch (refused) {
    showMessage(message, 'error', t('embed.storage-access.refused'));
    return;
  }
  document.getElementById('sign-in').hidden = true;
  show(page);
}
