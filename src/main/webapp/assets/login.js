// The login page: where to go back to after signing in, and why the last attempt failed.
const params = new URLSearchParams(location.search);
const next = params.get('next');
if (next && next.startsWith('/') && !next.startsWith('//')) {
  document.getElementById('next').value = next;
}
const messages = {
  invalid: 'The user name or password is not right. Try again.',
  missing: 'Enter your user name and password.',
  throttled: 'Too many failed sign-ins for this name or from this network. Wait a minute, then try again.',
};
const message = document.getElementById('message');
if (messages[params.get('error')]) {
  message.className = 'message error';
  message.textContent = messages[params.get('error')];
} else if (params.has('signedOut')) {
  message.className = 'message info';
  message.textContent = 'You are signed out.';
}

// After a wrong password the name is typed already (kept in this tab only, never in the address): only the
// password is asked again.
const username = document.getElementById('username');
const lastName = 'intrapoll.last-user-name';
document.querySelector('form').addEventListener('submit', () => sessionStorage.setItem(lastName, username.value));
if (params.get('error') === 'invalid' && sessionStorage.getItem(lastName)) {
  username.value = sessionStorage.getItem(lastName);
  document.getElementById('password').focus();
}
