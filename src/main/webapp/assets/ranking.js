// A RANKED ballot: it starts unranked; tapping an option gives it the next place (a partial ranking is a valid
// ballot, as the API allows). A ranked option moves with its buttons, the Up and Down arrow keys or by dragging,
// and leaves the ranking with its "remove" button or the Delete key; every change is announced to screen readers.
import { el, t } from './common.js';

export function rankingList(options, previous) {
  const byId = new Map(options.map((option) => [option.id, option]));
  const ranked = el('ol', { class: 'ranking', id: 'ranking', 'aria-labelledby': 'ranking-heading' });
  const unranked = el('ul', { class: 'unranked', id: 'unranked', 'aria-labelledby': 'unranked-heading' });
  const rankedEmpty = el('p', { class: 'muted ranking-empty', id: 'ranking-empty' },
    t('ranking.empty'));
  const status = el('p', { class: 'visually-hidden', 'aria-live': 'assertive', id: 'ranking-status' });
  const unrankedHeading = el('h3', { id: 'unranked-heading', class: 'ranking-heading' }, t('ranking.not-ranked'));
  const changeListeners = [];
  let dragged = null;

  const rankedItems = () => [...ranked.children];
  const announce = (text) => { status.textContent = text; };
  const changed = () => {
    refresh();
    changeListeners.forEach((listener) => listener());
  };

  function refresh() {
    const items = rankedItems();
    items.forEach((item, index) => {
      item.setAttribute('aria-label', `${index + 1}. ${item.dataset.label}`);
      item.querySelector('.up').disabled = index === 0;
      item.querySelector('.down').disabled = index === items.length - 1;
    });
    rankedEmpty.hidden = items.length > 0;
    unrankedHeading.hidden = unranked.children.length === 0;
    // Options keep their poll order while unranked.
    [...unranked.children]
      .sort((a, b) => Number(a.dataset.position) - Number(b.dataset.position))
      .forEach((item) => unranked.append(item));
  }

  function move(item, delta) {
    const siblings = rankedItems();
    const target = siblings.indexOf(item) + delta;
    if (target < 0 || target >= siblings.length) return;
    if (delta < 0) ranked.insertBefore(item, siblings[target]);
    else ranked.insertBefore(item, siblings[target].nextSibling);
    changed();
    item.focus();
    announce(t('ranking.place-of', {
      label: item.dataset.label, place: rankedItems().indexOf(item) + 1, count: rankedItems().length,
    }));
  }

  function rank(option) {
    const item = rankedItem(option);
    unranked.querySelector(`[data-option-id="${CSS.escape(option.id)}"]`)?.remove();
    ranked.append(item);
    changed();
    announce(t('ranking.place', { label: option.label, place: rankedItems().length }));
    const next = unranked.querySelector('button');
    (next || item).focus();
  }

  function unrank(item) {
    const option = byId.get(item.dataset.optionId);
    const position = rankedItems().indexOf(item);
    item.remove();
    unranked.append(unrankedItem(option));
    changed();
    announce(t('ranking.removed', { label: option.label }));
    const neighbour = rankedItems()[Math.min(position, rankedItems().length - 1)];
    (neighbour || unranked.querySelector('button')).focus();
  }

  function unrankedItem(option) {
    return el('li', { 'data-option-id': option.id, 'data-position': String(options.indexOf(option)) },
      el('button', {
        type: 'button', class: 'rank-option', 'aria-label': t('ranking.rank-next', { label: option.label }),
        onclick: () => rank(option),
      }, el('span', { class: 'plus', 'aria-hidden': 'true' }, '+'), el('span', {}, option.label)));
  }

  function rankedItem(option) {
    const item = el('li', { tabindex: '0', draggable: 'true', 'data-option-id': option.id, 'data-label': option.label },
      el('span', { class: 'label', 'aria-hidden': 'true' }, option.label),
      el('span', { class: 'moves' },
        el('button', { type: 'button', class: 'secondary small up', 'aria-label': t('ranking.move-up', { label: option.label }) }, '↑'),
        el('button', { type: 'button', class: 'secondary small down', 'aria-label': t('ranking.move-down', { label: option.label }) }, '↓'),
        el('button', { type: 'button', class: 'secondary small remove', 'aria-label': t('ranking.remove', { label: option.label }) },
          '✕')));
    item.querySelector('.up').addEventListener('click', () => move(item, -1));
    item.querySelector('.down').addEventListener('click', () => move(item, +1));
    item.querySelector('.remove').addEventListener('click', () => unrank(item));
    item.addEventListener('keydown', (event) => {
      if (event.target !== item) return;
      if (event.key === 'ArrowUp') { event.preventDefault(); move(item, -1); }
      if (event.key === 'ArrowDown') { event.preventDefault(); move(item, +1); }
      if (event.key === 'Delete' || event.key === 'Backspace') { event.preventDefault(); unrank(item); }
    });
    item.addEventListener('dragstart', (event) => {
      dragged = item;
      item.classList.add('dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', option.id);
    });
    item.addEventListener('dragend', () => { item.classList.remove('dragging'); dragged = null; changed(); });
    item.addEventListener('dragover', (event) => {
      if (!dragged || dragged === item) return;
      event.preventDefault();
      const box = item.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      ranked.insertBefore(dragged, after ? item.nextSibling : item);
    });
    item.addEventListener('drop', (event) => {
      event.preventDefault();
      if (dragged) announce(t('ranking.place', { label: dragged.dataset.label, place: rankedItems().indexOf(dragged) + 1 }));
    });
    return item;
  }

  // A ballot cast before is shown as it was ranked; the rest stay unranked.
  previous.filter((id) => byId.has(id)).forEach((id) => ranked.append(rankedItem(byId.get(id))));
  options.filter((option) => !previous.includes(option.id)).forEach((option) => unranked.append(unrankedItem(option)));

  const wrapper = el('div', { class: 'ranked-ballot' },
    el('h3', { id: 'ranking-heading', class: 'ranking-heading' }, t('ranking.heading')),
    rankedEmpty, ranked,
    unrankedHeading, unranked, status);
  refresh();
  return {
    element: wrapper,
    order: () => rankedItems().map((item) => item.dataset.optionId),
    onChange: (listener) => changeListeners.push(listener),
  };
}
