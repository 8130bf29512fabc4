// The markup that several pages share, written once as two custom elements that draw it into the page itself
// (light DOM: the ids, classes, landmarks and the stylesheet work on it as if it were in the HTML):
//
//   <ip-header area="app">       the skip link and the site header: the brand, the "Account" navigation
//                                (My polls), #who (filled by common.js's signedInHeader) and the sign-out form.
//   <ip-header area="console">   the same for the console: its brand and the "Console" navigation (Polls,
//                                #operations-link, #audit-link, Voter pages), #who and the sign-out form.
//   <ip-header>                  signed out (the sign-in page): the brand alone, no link, no skip link.
//
//   <ip-results>                 the live results: #total, the #results-note (what the shares mean), the polite
//                                #announce, the #summary (mean, median, NPS), the #bars list, the #cloud (open text)
//                                and the #leaderboard (quiz), drawn into by live-results.js's ResultsView.
//     table                      adds the "Show as a table" #table-fallback, its rows in #table-body.
//     rounds                     adds the hidden #rounds section with #rounds-body for instant-runoff rounds,
//     heading-level="3"          its heading an <h3> rather than the default <h2>.
//
//   <ip-confirm>                 the console's confirmation dialog (#confirm, #confirm-text, #confirm-ok), opened by
//                                console/shared.js's confirmAction.
//
//   <ip-pager>                   a list page's pager: the "Pages" navigation with #previous, #page-info and #next,
//                                filled by console/shared.js.
//
//   The header ends with the language switcher (English, Deutsch, Français), signed in or not.
//
// Before any of that it chooses the page's language (the reader's choice, kept in this browser; else the browser's
// first language of English, German and French; else English), writes it to <html lang> and, for German and French,
// hides the page until i18n.js has put the words in (no flash of English).
//
// Each page loads this file as a plain script in its <head>, not as a module: a module runs only once the page is
// parsed, this runs before, so the elements are defined when the parser meets them and their markup is there for
// the first paint. It builds nodes with createElement and text nodes only: no markup is parsed, no inline style
// (the Content-Security-Policy allows neither inline script nor inline style).
(() => {
  'use strict';

  const LANGUAGES = { en: 'English', de: 'Deutsch', fr: 'Français' };
  const CHOSEN = 'intrapoll.language';

  function chosenLanguage() {
    let stored = null;
    try {
      stored = localStorage.getItem(CHOSEN);
    } catch (blocked) {
      // storage refused (a framed page in some browsers): the browser's language
    }
    if (stored && LANGUAGES[stored]) return stored;
    for (const tag of navigator.languages || [navigator.language || 'en']) {
      const primary = String(tag).toLowerCase().split('-')[0];
      if (LANGUAGES[primary]) return primary;
    }
    return 'en';
  }

  const language = chosenLanguage();
  document.documentElement.lang = language;
  if (language !== 'en') {
    document.documentElement.classList.add('i18n-pending');
    // Shown in any case after a while: a page whose bundle did not come keeps the English it was written with.
    setTimeout(() => document.documentElement.classList.remove('i18n-pending'), 3000);
  }

  /** An element with attributes (true: present, false/null/undefined: left out) and children (strings: text). */
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === false || value === null || value === undefined) continue;
      element.setAttribute(name, value === true ? '' : value);
    }
    element.append(...children);
    return element;
  }

  // The header's words in English, as the page shows them until i18n.js has put in the reader's language (and
  // if its bundle cannot be had); /assets/i18n/en.json says the same (MessageBundlesTest).
  const ENGLISH = {
    'header.skip': 'Skip to content',
    'header.account': 'Account',
    'header.my-polls': 'My polls',
    'header.console': 'Console',
    'header.console-brand': 'Intrapoll console',
    'header.polls': 'Polls',
    'header.events': 'Events',
    'header.operations': 'Operations',
    'header.audit': 'Audit trail',
    'header.voter-pages': 'Voter pages',
    'header.sign-out': 'Sign out',
    'header.language': 'Language',
    'results.show-table': 'Show as a table',
    'results.table-caption': 'Votes per option',
    'results.option': 'Option',
    'results.votes': 'Votes',
    'results.share': 'Share',
    'results.rounds': 'Instant-runoff rounds',
    'pager.label': 'Pages',
    'pager.previous': 'Previous page',
    'pager.next': 'Next page',
    'confirm.cancel': 'Cancel',
    'confirm.ok': 'Confirm',
  };

  /** An element whose text is the message under key (English until translated). */
  function hw(tag, attributes, key) {
    return h(tag, { ...attributes, 'data-i18n': key }, ENGLISH[key]);
  }

  /**
   * The language switcher: a button per language, each named in its own language; a press keeps the choice in this
   * browser and draws the page again in it (buttons, not a select, so that moving through the choices with the
   * keyboard changes nothing until one is pressed).
   */
  function languageSwitcher() {
    return h('div', { class: 'language', role: 'group', 'aria-label': ENGLISH['header.language'],
      'data-i18n-attr': 'aria-label:header.language' },
    ...Object.entries(LANGUAGES).map(([code, name]) => {
      const button = h('button', {
        type: 'button', class: 'secondary small', id: `language-${code}`, lang: code, 'aria-label': name,
        'aria-pressed': String(code === language),
      }, code.toUpperCase());
      button.addEventListener('click', () => {
        if (code === language) return;
        try {
          localStorage.setItem(CHOSEN, code);
        } catch (blocked) {
          return;
        }
        location.reload();
      });
      return button;
    }));
  }

  const AREAS = {
    app: {
      brand: 'Intrapoll',
      home: '/app/',
      navigation: 'header.account',
      // The console's link is shown to authors and admins once the header knows who is signed in (common.js).
      links: [
        { href: '/app/', text: 'header.my-polls' },
        { href: '/console/', text: 'header.console', id: 'console-link', hidden: true },
      ],
    },
    console: {
      brand: 'Intrapoll console',
      brandKey: 'header.console-brand',
      home: '/console/',
      navigation: 'header.console',
      links: [
        { href: '/console/', text: 'header.polls' },
        { href: '/console/events.html', text: 'header.events' },
        { href: '/console/operations.html', text: 'header.operations', id: 'operations-link' },
        { href: '/console/audit.html', text: 'header.audit', id: 'audit-link' },
        { href: '/app/', text: 'header.voter-pages' },
      ],
    },
  };

  class IpHeader extends HTMLElement {
    connectedCallback() {
      if (this.drawn) return; // moved within the page: keep what is there (#who may be filled in)
      this.drawn = true;
      const name = this.getAttribute('area');
      const area = AREAS[name];
      if (!area) {
        if (name !== null) console.warn(`<ip-header area="${name}">: no such area; showing the brand alone.`);
        this.replaceChildren(h('header', { class: 'site-header' }, h('span', { class: 'brand' }, 'Intrapoll'),
          languageSwitcher()));
        return;
      }
      this.replaceChildren(
        hw('a', { class: 'skip-link', href: '#main' }, 'header.skip'),
        h('header', { class: 'site-header' },
          area.brandKey ? hw('a', { class: 'brand', href: area.home }, area.brandKey)
            : h('a', { class: 'brand', href: area.home }, area.brand),
          h('nav', { 'aria-label': ENGLISH[area.navigation], 'data-i18n-attr': `aria-label:${area.navigation}` },
            ...area.links.map((link) => hw('a', { href: link.href, id: link.id, hidden: link.hidden }, link.text)),
            h('span', { id: 'who', class: 'muted' }),
            h('form', { method: 'post', action: '/logout' },
              hw('button', { type: 'submit', class: 'secondary small' }, 'header.sign-out')),
            languageSwitcher())));
    }
  }

  class IpResults extends HTMLElement {
    connectedCallback() {
      if (this.drawn) return; // moved within the page: keep the bars drawn so far
      this.drawn = true;
      const parts = [
        h('p', { class: 'total', id: 'total' }),
        h('p', { class: 'muted results-note', id: 'results-note', hidden: true }),
        h('p', { id: 'announce', class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' }),
        h('div', { class: 'summary', id: 'summary', hidden: true }),
        h('ul', { class: 'bars', id: 'bars', 'aria-describedby': 'total' }),
        h('figure', { class: 'cloud', id: 'cloud', hidden: true }),
        h('section', { class: 'leaderboard', id: 'leaderboard', hidden: true, 'aria-labelledby': 'leaderboard-heading' }),
      ];
      if (this.hasAttribute('table')) {
        parts.push(h('details', { id: 'table-fallback' },
          hw('summary', {}, 'results.show-table'),
          h('table', {},
            hw('caption', { class: 'visually-hidden' }, 'results.table-caption'),
            h('thead', {}, h('tr', {},
              hw('th', { scope: 'col' }, 'results.option'),
              hw('th', { scope: 'col', class: 'number' }, 'results.votes'),
              hw('th', { scope: 'col', class: 'number' }, 'results.share'))),
            h('tbody', { id: 'table-body' }))));
      }
      if (this.hasAttribute('rounds')) {
        const level = Number(this.getAttribute('heading-level'));
        const heading = level >= 2 && level <= 6 ? `h${level}` : 'h2';
        parts.push(h('section', { id: 'rounds', hidden: true, 'aria-labelledby': 'rounds-heading' },
          hw(heading, { id: 'rounds-heading' }, 'results.rounds'),
          h('div', { id: 'rounds-body' })));
      }
      this.replaceChildren(...parts);
    }
  }

  class IpPager extends HTMLElement {
    connectedCallback() {
      if (this.drawn) return; // moved within the page: keep the page shown
      this.drawn = true;
      this.replaceChildren(h('nav', { class: 'pager', 'aria-label': ENGLISH['pager.label'], 'data-i18n-attr': 'aria-label:pager.label' },
        hw('button', { type: 'button', class: 'secondary', id: 'previous' }, 'pager.previous'),
        h('span', { id: 'page-info' }),
        hw('button', { type: 'button', class: 'secondary', id: 'next' }, 'pager.next')));
    }
  }

  class IpConfirm extends HTMLElement {
    connectedCallback() {
      if (this.drawn) return; // moved within the page: keep the dialog (it may be open)
      this.drawn = true;
      this.replaceChildren(h('dialog', { id: 'confirm', 'aria-labelledby': 'confirm-text' },
        h('p', { id: 'confirm-text' }),
        h('form', { method: 'dialog', class: 'actions' },
          hw('button', { value: 'cancel', class: 'secondary' }, 'confirm.cancel'),
          hw('button', { value: 'confirm', id: 'confirm-ok' }, 'confirm.ok'))));
    }
  }

  if (!customElements.get('ip-header')) customElements.define('ip-header', IpHeader);
  if (!customElements.get('ip-results')) customElements.define('ip-results', IpResults);
  if (!customElements.get('ip-confirm')) customElements.define('ip-confirm', IpConfirm);
  if (!customElements.get('ip-pager')) customElements.define('ip-pager', IpPager);
})();
