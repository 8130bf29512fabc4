// The vote page: one poll's ballot (ballot.js), the receipt on success, plain words for every refusal; once the
// caller has voted, the live results below (or when they will come, for results shown after the poll closes); once
// it is closed, "Check my ballot" (receipts.js).
import { signedInHeader, pollIdFromAddress } from './common.js';
import { pollPage } from './ballot.js';
import { liveResultsOnceVoted } from './live-results.js';
import { offerBallotCheck } from './receipts.js';

signedInHeader().catch(() => {});

const page = pollPage(pollIdFromAddress(), {
  message: document.getElementById('message'),
  ballot: document.getElementById('ballot'),
  title: document.getElementById('title'),
  description: document.getElementById('description'),
  onVoted: liveResultsOnceVoted(document.getElementById('poll-results'), document.getElementById('results-message')),
  onClosed: (poll) => offerBallotCheck(document.getElementById('ballot-check'), poll),
});
page.show().catch(page.fail);
