// A reorderable list for RANKED ballots: mouse (drag and drop), keyboard (arrow keys on an item, or its
// buttons), each move announced to screen readers.
import { el } from './common.js';

export function rankingList(options, previous) {
  const byId = new Map(options.map((option) => [option.id, option]));
  const ordered = [
    ...previous.filter((id) => byId.has(id)).map((id) => byId.get(id)),
    ...options.filter((option) => !previous.includes(option.id)),
  ];
  const list = el('ol', { class: 'ranking', id: 'ranking', 'aria-describedby': 'ranking-help' });
  const status = el('p', { class: 'visually-hidden', 'aria-live': 'assertive', id: 'ranking-status' });
  let dragged = null;

  const items = () => [...list.children];
  const announce = (item) => {
    const position = items().indexOf(item) + 1;
    status.textContent = `${item.dataset.label}: position ${position} of ${items().length}.`;
  };
  const move = (item, delta) => {
    const siblings = items();
    const target = siblings.indexOf(item) + delta;
    if (target < 0 || target >= siblings.length) return;
    if (delta < 0) list.insertBefore(item, siblings[target]);
    else list.insertBefore(item, siblings[target].nextSibling);
    refresh();
    item.focus();
    announce(item);
  };
  const refresh = () => items().forEach((item, index) => {
    item.setAttribute('aria-label', `${index + 1}. ${item.dataset.label}`);
    item.querySelector('.up').disabled = index === 0;
    item.querySelector('.down').disabled = index === items().length - 1;
  });

  for (const option of ordered) {
    const item = el('li', { tabindex: '0', draggable: 'true', 'data-option-id': option.id, 'data-label': option.label },
      el('span', { class: 'label', 'aria-hidden': 'true' }, option.label),
      el('span', { class: 'moves' },
        el('button', { type: 'button', class: 'secondary small up', 'aria-label': `Move ${option.label} up` }, '↑'),
        el('button', { type: 'button', class: 'secondary small down', 'aria-label': `Move ${option.label} down` }, '↓')));
    item.querySelector('.up').addEventListener('click', () => move(item, -1));
    item.querySelector('.down').addEventListener('click', () => move(item, +1));
    item.addEventListener('keydown', (event) => {
      if (event.target !== item) return;
      if (event.key === 'ArrowUp') { event.preventDefault(); move(item, -1); }
      if (event.key === 'ArrowDown') { event.preventDefault(); move(item, +1); }
    });
    item.addEventListener('dragstart', (event) => {
      dragged = item;
      item.classList.add('dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', option.id);
    });
    item.addEventListener('dragend', () => { item.classList.remove('dragging'); dragged = null; refresh(); });
    item.addEventListener('dragover', (event) => {
      if (!dragged || dragged === item) return;
      event.preventDefault();
      const box = item.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? item.nextSibling : item);
    });
    item.addEventListener('drop', (event) => { event.preventDefault(); if (dragged) announce(dragged); });
    list.append(item);
  }
  refresh();
  const wrapper = el('div', {}, list, status);
  return { element: wrapper, order: () => items().map((item) => item.dataset.optionId) };
}
