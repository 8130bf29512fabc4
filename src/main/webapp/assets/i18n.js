// The pages' words in the reader's language: English, German or French, from the message bundles in
// /assets/i18n/<language>.json. elements.js (a plain script in every page's head) has already chosen the language
// and written it to <html lang>; this module loads its bundle before any page script draws, translates the page's
// own markup (data-i18n, data-i18n-attr) and gives scripts t() and the formats of that language. Poll content stays
// as its author typed it; the API's problem texts are English (README), so the pages say refusals in their own words.

/**
 * The language of the page's words: the one elements.js chose (the reader's choice, else the browser's first one we
 * have, else English), or English when that one's bundle cannot be had.
 */
export let language = document.documentElement.lang || 'en';

async function bundle(lang) {
  // A bundle that does not come within seconds is not waited for: every page script waits on this module.
  const response = await fetch(`/assets/i18n/${lang}.json`, {
    credentials: 'same-origin', signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`/assets/i18n/${lang}.json: ${response.status}`);
  return response.json();
}

let messages = {};
try {
  messages = await bundle(language);
} catch (failed) {
  console.warn(`No ${language} message bundle; English instead.`, failed);
  if (language !== 'en') {
    language = 'en';
    document.documentElement.lang = 'en';
    messages = await bundle('en').catch(() => ({}));
  }
}

const plurals = new Intl.PluralRules(language);

/**
 * The message under key, its {placeholders} filled from params. A message with forms per plural category
 * ({"one": ..., "other": ...}) takes the form of params.count. A key the bundle lacks shows itself (a test keeps
 * the bundles complete).
 */
export function t(key, params = {}) {
  let message = messages[key];
  if (message && typeof message === 'object') {
    message = message[plurals.select(Number(params.count))] ?? message.other;
  }
  if (typeof message !== 'string') return key;
  return message.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in params)) return whole;
    const value = params[name];
    return typeof value === 'number' ? formatNumber(value) : String(value);
  });
}

export function formatNumber(value, options = {}) {
  return new Intl.NumberFormat(language, options).format(value);
}

/** A point in time, as people of the language write it: "Dec 2, 2026, 2:05 PM", "02.12.2026, 14:05". */
export function formatTime(instant) {
  if (!instant) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

/** Translates the markup under root: data-i18n="key" sets the text, data-i18n-attr="placeholder:key aria-label:key" attributes. */
export function translate(root = document) {
  // A key the bundle lacks (or no bundle at all) leaves the English the markup was written with.
  root.querySelectorAll('[data-i18n]').forEach((element) => {
    if (element.dataset.i18n in messages) element.textContent = t(element.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-attr]').forEach((element) => {
    for (const pair of element.dataset.i18nAttr.trim().split(/\s+/)) {
      const [attribute, key] = pair.split(':');
      if (key in messages) element.setAttribute(attribute, t(key));
    }
  });
}

translate();
document.documentElement.classList.remove('i18n-pending');
