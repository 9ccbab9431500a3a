// Frontdesk console script: keyboard shortcuts, one-click actions and live refresh.
// Everything it does is also a plain link or form POST; without it the console works.
(function () {
  'use strict';
  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

  // rows are the things j/k move between (visits, tasks); the current one is marked.
  const rows = () => Array.from(document.querySelectorAll('[data-row]'));
  function move(step) {
    const list = rows();
    if (!list.length) return;
    let i = list.findIndex((r) => r.classList.contains('current'));
    if (i >= 0) list[i].classList.remove('current');
    i = Math.max(0, Math.min(list.length - 1, i < 0 ? 0 : i + step));
    list[i].classList.add('current');
    list[i].focus({ preventScroll: false });
  }
  // act presses the current row's button for a shortcut (data-key="c" on it).
  function act(key) {
    const row = document.querySelector('[data-row].current') || document.activeElement?.closest?.('[data-row]');
    const target = row && row.querySelector('[data-key="' + key + '"]');
    if (target) target.click();
  }
  function search() {
    const box = document.getElementById('search');
    if (box) { box.focus(); box.select(); } else { location.href = '/console/patients'; }
  }
  const keys = { j: () => move(1), k: () => move(-1), c: () => act('c'), s: () => act('s'), p: () => act('p'), '/': search,
    '?': () => document.getElementById('shortcuts')?.showModal() };
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    const f = keys[e.key];
    if (f) { e.preventDefault(); f(); }
  });
  window.Console = { rows, move };
})();
