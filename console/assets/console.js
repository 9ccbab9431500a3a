// Frontdesk console script: keyboard shortcuts, one-click actions and live refresh.
// Everything it does is also a plain link or form POST; without it the console works.
(function () {
  'use strict';
  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

  // rows are the things j/k move between (visits, tasks); the current one is marked.
  const rows = () => Array.from(document.querySelectorAll('[data-row]:not([hidden])'));
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

  // One-click forms (data-one) are posted by fetch: the 303 back to the day means done
  // and the board is fetched at once; a refusal (409, 422, 403) shows the returned form.
  const answer = document.getElementById('answer');
  function showAnswer(html) {
    const main = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
    if (!answer || !main) { location.reload(); return; }
    answer.querySelector('.body').replaceChildren(...main.childNodes);
    answer.showModal();
    answer.querySelector('textarea,input:not([type=hidden]),a,button')?.focus();
  }
  document.addEventListener('submit', async (e) => {
    const form = e.target;
    if (!form.matches('form[data-one]') || !window.fetch) return;
    e.preventDefault();
    const btn = form.querySelector('button');
    if (btn) btn.disabled = true;
    try {
      const res = await fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)),
        headers: { 'X-Console': '1' }, redirect: 'manual', credentials: 'same-origin' });
      if (res.type === 'opaqueredirect' || res.ok) await poll(true);
      else if (res.status === 401) location.reload();
      else showAnswer(await res.text());
    } catch (err) {
      form.submit();
    } finally {
      if (btn) btn.disabled = false;
    }
  });

  // Live refresh: the board's change cursor is polled every few seconds; 304 costs
  // nothing, otherwise only the rows whose version changed are swapped.
  const board = () => document.getElementById('board');
  let etag = board()?.dataset.etag || '';
  let busy = false;
  let again = false;
  const ids = (el) => Array.from(el.querySelectorAll('[data-row]'), (r) => r.id).join();
  const frame = (el) => el.className + Array.from(el.querySelectorAll('.ghead,.ghour'), (x) => x.textContent).join('|');
  async function poll(force) {
    const b = board();
    if (!b || !b.dataset.changes) return;
    if (busy) { again = again || force; return; }
    busy = true;
    try {
      const headers = { 'X-Console': '1' };
      if (etag && !force) headers['If-None-Match'] = etag;
      const res = await fetch(b.dataset.changes, { headers, cache: 'no-store', credentials: 'same-origin' });
      if (res.status === 401) location.reload();
      if (res.status === 304 || res.status === 200) etag = res.headers.get('ETag') || etag;
      if (res.status !== 200) return;
      swap(b, await res.text());
    } catch (err) { /* offline a moment: the next poll tries again */ } finally {
      busy = false;
      if (again) { again = false; poll(true); }
    }
  }
  function swap(b, html) {
    const tpl = document.createElement('template');
    tpl.innerHTML = html;
    const fresh = tpl.content.getElementById('board');
    if (!fresh) return;
    const current = b.querySelector('[data-row].current')?.id;
    const focus = document.activeElement;
    const focusRow = focus?.closest?.('[data-row]')?.id;
    const focusKey = focus?.dataset?.key;
    if (ids(b) !== ids(fresh) || frame(b) !== frame(fresh)) {
      b.className = fresh.className;
      b.replaceChildren(...fresh.childNodes);
    } else {
      fresh.querySelectorAll('[data-row]').forEach((row) => {
        const old = document.getElementById(row.id);
        if (old && old.dataset.version !== row.dataset.version) old.replaceWith(row);
      });
      const line = fresh.querySelector('#now-line');
      const was = b.querySelector('#now-line');
      if (line && was) was.replaceWith(line); else if (line) b.prepend(line); else was?.remove();
    }
    if (current) document.getElementById(current)?.classList.add('current');
    if (find?.value) filter();
    if (focusRow && !document.contains(focus)) {
      const row = document.getElementById(focusRow);
      (row?.querySelector('[data-key="' + focusKey + '"]') || row)?.focus();
    }
  }
  if (board()?.dataset.changes) setInterval(() => { if (!document.hidden && !answer?.open) poll(false); }, 3000);
  document.querySelectorAll('[data-print]').forEach((b) => { b.hidden = false; b.addEventListener('click', () => window.print()); });

  // The day's find box hides the rows that do not match what is typed (names, phones).
  const find = document.querySelector('input[data-filter]');
  const filter = () => {
    const words = find.value.toLowerCase().trim();
    document.querySelectorAll(find.dataset.filter + ' [data-row]').forEach((r) => {
      r.hidden = words !== '' && !r.textContent.toLowerCase().includes(words);
    });
  };
  find?.addEventListener('input', filter);

  window.Console = { rows, move, poll };
})();
