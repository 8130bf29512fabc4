// The pages' words in the reader's language: English, German or French, from the message bundles in
// /assets/i18n/<language>.json. elements.js (a plain script in every page's head) has already chosen the language
// and written it to <html lang>; this module loads its bundle before any page script draws, translates the page's
// own markup (data-i18n, data-i18n-attr) and gives scripts t() and the formats of that language. Poll content stays
// as its author typed it; the API's problem texts are English (README), so the pages say refusals in their own words.

/** The language elements.js chose (the reader's choice, else the browser's first one we have, else English). */
export const language = document.documentElement.lang || 'en';

async function bundle(lang) {
  const response = await fetch(`/assets/i18n/${lang}.json`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`/assets/i18n/${lang}.json: ${response.status}`);
  return response.json();
}

let messages = {};
try {
  messages = await bundle(language);
} catch (failed) {
  console.warn(`No ${language} message bundle; English instead.`, failed);
  messages = await bundle('en').catch(() => ({}));
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

/** A point in time, as people of the language write it: "2 Dec 2026, 14:05", "2. Dez. 2026, 14:05". */
export function formatTime(instant) {
  if (!instant) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

/** Translates the markup under root: data-i18n="key" sets the text, data-i18n-attr="placeholder:key aria-label:key" attributes. */
export function translate(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-attr]').forEach((element) => {
    for (const pair of element.dataset.i18nAttr.trim().split(/\s+/)) {
      const [attribute, key] = pair.split(':');
      element.setAttribute(attribute, t(key));
    }
  });
}

translate();
document.documentElement.classList.remove('i18n-pending');
