// The vote page: one poll's ballot (ballot.js), the receipt on success, plain words for every refusal.
import { signedInHeader, pollIdFromAddress } from './common.js';
import { pollPage } from './ballot.js';

signedInHeader().catch(() => {});

const page = pollPage(pollIdFromAddress(), {
  message: document.getElementById('message'),
  ballot: document.getElementById('ballot'),
  title: document.getElementById('title'),
  description: document.getElementById('description'),
});
page.show().catch(page.fail);
