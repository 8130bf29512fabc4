// The login page: where to go back to after signing in, and why the last attempt failed.
import { t } from './i18n.js';

const params = new URLSearchParams(location.search);
const next = params.get('next');
if (next && next.startsWith('/') && !next.startsWith('//')) {
  document.getElementById('next').value = next;
}
const messages = {
  invalid: t('login.invalid'),
  missing: t('login.missing'),
  throttled: t('login.throttled'),
};

// Single sign-on with the company's OpenID provider, where the server has it (README, "Single sign-on"): a button
// above the form, which keeps the page the browser wanted.
async function offerSingleSignOn() {
  try {
    const response = await fetch('/sign-in-options', { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    const { singleSignOn } = await response.json();
    if (!singleSignOn) return;
    const link = document.getElementById('single-sign-on-link');
    link.href = `${singleSignOn.start}?next=${encodeURIComponent(document.getElementById('next').value)}`;
    link.textContent = singleSignOn.provider
      ? t('login.single-sign-on-with', { provider: singleSignOn.provider })
      : t('login.single-sign-on');
    document.getElementById('single-sign-on').hidden = false;
    document.getElementById('login-hint').hidden = true; // the button says it already
  } catch {
    // No answer: the form alone, as without single sign-on.
  }
}
offerSingleSignOn();
const message = document.getElementById('message');
if (messages[params.get('error')]) {
  message.className = 'message error';
  message.textContent = messages[params.get('error')];
} else if (params.has('signedOut')) {
  message.className = 'message info';
  message.textContent = t('login.signed-out');
}

// After a wrong password the name is typed already (kept in this tab only, never in the address): only the
// password is asked again.
const username = document.getElementById('username');
const lastName = 'intrapoll.last-user-name';
document.querySelector('form').addEventListener('submit', () => sessionStorage.setItem(lastName, username.value));
// The page was hidden until its words were in (German, French), and a hidden field cannot take the autofocus.
if (document.activeElement === document.body) username.focus();
if (params.get('error') === 'invalid' && sessionStorage.getItem(lastName)) {
  username.value = sessionStorage.getItem(lastName);
  document.getElementById('password').focus();
}
