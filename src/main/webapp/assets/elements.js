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
// Each page loads this file as a plain script in its <head>, not as a module: a module runs only once the page is
// parsed, this runs before, so the elements are defined when the parser meets them and their markup is there for
// the first paint. It builds nodes with createElement and text nodes only: no markup is parsed, no inline style
// (the Content-Security-Policy allows neither inline script nor inline style).
(() => {
  'use strict';

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

  const AREAS = {
    app: {
      brand: 'Intrapoll',
      home: '/app/',
      navigation: 'Account',
      // The console's link is shown to authors and admins once the header knows who is signed in (common.js).
      links: [{ href: '/app/', text: 'My polls' }, { href: '/console/', text: 'Console', id: 'console-link', hidden: true }],
    },
    console: {
      brand: 'Intrapoll console',
      home: '/console/',
      navigation: 'Console',
      links: [
        { href: '/console/', text: 'Polls' },
        { href: '/console/events.html', text: 'Events' },
        { href: '/console/operations.html', text: 'Operations', id: 'operations-link' },
        { href: '/console/audit.html', text: 'Audit trail', id: 'audit-link' },
        { href: '/app/', text: 'Voter pages' },
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
        this.replaceChildren(h('header', { class: 'site-header' }, h('span', { class: 'brand' }, 'Intrapoll')));
        return;
      }
      this.replaceChildren(
        h('a', { class: 'skip-link', href: '#main' }, 'Skip to content'),
        h('header', { class: 'site-header' },
          h('a', { class: 'brand', href: area.home }, area.brand),
          h('nav', { 'aria-label': area.navigation },
            ...area.links.map((link) => h('a', { href: link.href, id: link.id, hidden: link.hidden }, link.text)),
            h('span', { id: 'who', class: 'muted' }),
            h('form', { method: 'post', action: '/logout' },
              h('button', { type: 'submit', class: 'secondary small' }, 'Sign out')))));
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
          h('summary', {}, 'Show as a table'),
          h('table', {},
            h('caption', { class: 'visually-hidden' }, 'Votes per option'),
            h('thead', {}, h('tr', {},
              h('th', { scope: 'col' }, 'Option'),
              h('th', { scope: 'col', class: 'number' }, 'Votes'),
              h('th', { scope: 'col', class: 'number' }, 'Share'))),
            h('tbody', { id: 'table-body' }))));
      }
      if (this.hasAttribute('rounds')) {
        const level = Number(this.getAttribute('heading-level'));
        const heading = level >= 2 && level <= 6 ? `h${level}` : 'h2';
        parts.push(h('section', { id: 'rounds', hidden: true, 'aria-labelledby': 'rounds-heading' },
          h(heading, { id: 'rounds-heading' }, 'Instant-runoff rounds'),
          h('div', { id: 'rounds-body' })));
      }
      this.replaceChildren(...parts);
    }
  }

  class IpPager extends HTMLElement {
    connectedCallback() {
      if (this.drawn) return; // moved within the page: keep the page shown
      this.drawn = true;
      this.replaceChildren(h('nav', { class: 'pager', 'aria-label': 'Pages' },
        h('button', { type: 'button', class: 'secondary', id: 'previous' }, 'Previous page'),
        h('span', { id: 'page-info' }),
        h('button', { type: 'button', class: 'secondary', id: 'next' }, 'Next page')));
    }
  }

  class IpConfirm extends HTMLElement {
    connectedCallback() {
      if (this.drawn) return; // moved within the page: keep the dialog (it may be open)
      this.drawn = true;
      this.replaceChildren(h('dialog', { id: 'confirm', 'aria-labelledby': 'confirm-text' },
        h('p', { id: 'confirm-text' }),
        h('form', { method: 'dialog', class: 'actions' },
          h('button', { value: 'cancel', class: 'secondary' }, 'Cancel'),
          h('button', { value: 'confirm', id: 'confirm-ok' }, 'Confirm'))));
    }
  }

  if (!customElements.get('ip-header')) customElements.define('ip-header', IpHeader);
  if (!customElements.get('ip-results')) customElements.define('ip-results', IpResults);
  if (!customElements.get('ip-confirm')) customElements.define('ip-confirm', IpConfirm);
  if (!customElements.get('ip-pager')) customElements.define('ip-pager', IpPager);
})();
