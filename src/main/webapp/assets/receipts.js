// Receipts anyone can check (API.md): the browser keeps each ballot's receipt (its tracker and the choices sent),
// and once the poll is closed and certified, "Check my ballot" verifies here, with WebCrypto, that the ballot is
// among the counted ones the signed results certificate covers: the commitment is recomputed, its inclusion proof is
// built from the certified tree's leaves (RFC 6962) and walked to the root (RFC 9162), and the root must be the one
// the certificate's ES256 signature covers, under a key of the published JWKS. The page asks for all the leaves, not
// for its own commitment's proof: no request names the ballot, so no access log ties an anonymous ballot to its voter.
import { api, el, showMessage, t, formatTime, formatNumber } from './common.js';

const STORE = 'intrapoll.receipts';
const encoder = new TextEncoder();

/** Who is signed in: receipts are kept per person, so a shared device shows nobody another's ballot. */
let me = null;
function person() {
  if (!me) me = api('/me').then((caller) => caller.name).catch(() => null);
  return me;
}

function readAll() {
  try {
    return JSON.parse(localStorage.getItem(STORE) || '{}');
  } catch (broken) {
    return {};
  }
}

/** What the server trims off an answer (Java's String.strip: white space, not the non-breaking spaces). */
const JAVA_WHITESPACE = '[\\t\\n\\u000B\\f\\r\\u001C-\\u001F \\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000]';
const STRIP = new RegExp(`^${JAVA_WHITESPACE}+|${JAVA_WHITESPACE}+$`, 'g');

/** A ballot's content as its commitment names it: option ids in order, the rating, or the trimmed text. */
export function canonicalChoices(body) {
  if (body.rating !== undefined && body.rating !== null) return String(body.rating);
  if (typeof body.text === 'string') return body.text.replace(STRIP, '');
  return (body.optionIds || []).join(',');
}

/** Keeps an accepted ballot's receipt (a retry's answer carries no tracker: the first answer's stays). */
export async function keepReceipt(poll, receipt, body) {
  if (!receipt || !receipt.tracker) return;
  const name = await person();
  if (!name) return;
  const all = readAll();
  all[`${name}\n${poll.id}`] = {
    receiptId: receipt.receiptId,
    tracker: receipt.tracker,
    choices: canonicalChoices(body),
    acceptedAt: receipt.acceptedAt,
  };
  try {
    localStorage.setItem(STORE, JSON.stringify(all));
  } catch (full) {
    // storage full or off: the vote stands; only the check is not offered
  }
}

async function storedReceipt(pollId) {
  const name = await person();
  return name ? readAll()[`${name}\n${pollId}`] || null : null;
}

function hex(bytes) {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(text) {
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.substr(i * 2, 2), 16);
  return bytes;
}

function fromBase64url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

async function sha256(...parts) {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const joined = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
}

/** RFC 6962 2.1: the hash of leaves [from, to), and the audit path of leaf m within them (deeper nodes first). */
async function subtree(leafHashes, from, to, m, path) {
  if (to - from === 1) return leafHashes[from];
  let k = 1;
  while (k * 2 < to - from) k *= 2;
  if (m !== null && m < from + k) {
    const left = await subtree(leafHashes, from, from + k, m, path);
    const right = await subtree(leafHashes, from + k, to, null, null);
    path.push(right);
    return sha256(Uint8Array.of(1), left, right);
  }
  const left = await subtree(leafHashes, from, from + k, null, null);
  const right = await subtree(leafHashes, from + k, to, m, path);
  if (m !== null) path.push(left);
  return sha256(Uint8Array.of(1), left, right);
}

/** RFC 9162 2.1.3.2: the root an inclusion proof leads to from a leaf hash, or null if the proof is malformed. */
async function rootFromProof(leafIndex, treeSize, path, leafHash) {
  if (leafIndex >= treeSize) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const step of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(Uint8Array.of(1), step, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await sha256(Uint8Array.of(1), r, step);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? hex(r) : null;
}

/** The JWS's payload if its ES256 signature holds under the JWKS key its header names; null otherwise. */
async function verifiedPayload(jws, jwks) {
  const [header, payload, signature] = jws.split('.');
  const { alg, kid } = JSON.parse(new TextDecoder().decode(fromBase64url(header)));
  const jwk = (jwks.keys || []).find((key) => key.kid === kid);
  if (alg !== 'ES256' || !jwk) return null;
  const key = await crypto.subtle.importKey(
    'jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify'],
  );
  const holds = await crypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' }, key, fromBase64url(signature), encoder.encode(`${header}.${payload}`),
  );
  return holds ? { payload: JSON.parse(new TextDecoder().decode(fromBase64url(payload))), kid } : null;
}

/**
 * Checks a kept receipt against the poll's certificate. Resolves with { outcome, ... }: counted, not-yet, erased,
 * not-found, bad-signature or wrong-root.
 */
export async function checkBallot(pollId, receipt) {
  const commitment = hex(await sha256(encoder.encode(`${receipt.tracker}|${receipt.choices}`)));
  let certificate;
  try {
    certificate = await api(`/polls/${encodeURIComponent(pollId)}/certificate`, { cache: 'no-store' });
  } catch (problem) {
    if (problem.status === 409) return { outcome: 'not-yet', commitment };
    throw problem;
  }
  const jwks = await api('/keys');
  const signed = await verifiedPayload(certificate.jws, jwks);
  if (!signed || signed.payload.pollId !== pollId) return { outcome: 'bad-signature', commitment };
  let leaves;
  try {
    leaves = await api(`/polls/${encodeURIComponent(pollId)}/certificate/leaves`, { cache: 'no-store' });
  } catch (problem) {
    if (problem.status === 409 && problem.kind === 'erased') return { outcome: 'erased', commitment, signed };
    throw problem;
  }
  const leafIndex = leaves.commitments.indexOf(commitment);
  if (leafIndex < 0) return { outcome: 'not-found', commitment, signed };
  const treeSize = leaves.commitments.length;
  const leafHashes = await Promise.all(leaves.commitments.map((leaf) => sha256(Uint8Array.of(0), fromHex(leaf))));
  const path = [];
  await subtree(leafHashes, 0, treeSize, leafIndex, path);
  const root = await rootFromProof(leafIndex, treeSize, path, leafHashes[leafIndex]);
  // The tree must hold exactly the ballots the signed results count.
  if (root === null || root !== signed.payload.merkleRoot || treeSize !== signed.payload.totalBallots) {
    return { outcome: 'wrong-root', commitment, signed, root };
  }
  return { outcome: 'counted', commitment, signed, proof: { leafIndex, treeSize } };
}

/**
 * Offers "Check my ballot" in a section of the page once the poll is closed, when this browser kept a receipt for
 * the person signed in. Safe to call on every change of the poll's status.
 */
export async function offerBallotCheck(section, poll) {
  const closed = poll.status === 'CLOSED' || poll.status === 'ARCHIVED';
  const receipt = closed && window.crypto && crypto.subtle ? await storedReceipt(poll.id) : null;
  if (!receipt || section.dataset.offered === poll.id) {
    section.hidden = !receipt;
    return;
  }
  section.dataset.offered = poll.id;
  const result = el('div', { id: 'ballot-check-result', role: 'status' });
  const button = el('button', { type: 'button', id: 'check-ballot', class: 'secondary' }, t('check.button'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    showMessage(result, 'info', t('check.checking'));
    try {
      show(result, await checkBallot(poll.id, receipt));
    } catch (problem) {
      showMessage(result, 'error', t('check.error', { message: problem.message }));
    } finally {
      button.disabled = false;
    }
  });
  section.replaceChildren(
    el('h2', { id: 'ballot-check-heading' }, t('check.heading')),
    el('p', { class: 'muted' }, t('check.explain', { time: formatTime(receipt.acceptedAt) })),
    button,
    result,
  );
  section.hidden = false;
}

function show(result, check) {
  const details = el('dl', { class: 'check-details' },
    el('dt', {}, t('check.commitment')), el('dd', {}, el('code', {}, check.commitment)));
  if (check.signed) {
    details.append(
      el('dt', {}, t('check.root')), el('dd', {}, el('code', {}, check.signed.payload.merkleRoot)),
      el('dt', {}, t('check.key')), el('dd', {}, el('code', {}, check.signed.kid)),
    );
  }
  switch (check.outcome) {
    case 'counted':
      showMessage(result, 'success', el('strong', { id: 'check-outcome' }, t('check.counted')), ' ',
        t('check.counted-detail', {
          position: formatNumber(check.proof.leafIndex + 1),
          total: formatNumber(check.proof.treeSize),
        }), details);
      break;
    case 'not-yet':
      showMessage(result, 'info', el('strong', { id: 'check-outcome' }, t('check.not-yet')));
      break;
    case 'erased':
      showMessage(result, 'info', el('strong', { id: 'check-outcome' }, t('check.erased')), details);
      break;
    case 'not-found':
      showMessage(result, 'error', el('strong', { id: 'check-outcome' }, t('check.not-found')), details);
      break;
    default:
      showMessage(result, 'error', el('strong', { id: 'check-outcome' }, t(`check.${check.outcome}`)), details);
  }
}
