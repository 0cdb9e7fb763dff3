// The console's script, served from its own origin: times shown local and relative, a live page
// brought up to date every 30 seconds unless the reader pauses it, copy buttons, and a confirmation
// before an action that asks for one. Without it every page still works: times stay as the server
// wrote them, the reader reloads, forms post straight away. No meta refresh: it reloads under a
// screen reader and cannot be paused. Texts come from the page (data-*), in the page's language.
(() => {
  const REFRESH_MS = 30_000;
  const RETIME_MS = 15_000;
  const PAUSED_KEY = 'graphsoc.console.paused';
  const UNITS = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const lang = document.documentElement.lang || undefined;
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const absolute = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' });

  /** "3 minutes ago", "in 20 seconds": the largest unit that fits, rounded. */
  function sayRelative(date, now) {
    const seconds = (date.getTime() - now) / 1000;
    for (const [unit, size] of UNITS) {
      if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
    }
    return relative.format(Math.round(seconds), 'second');
  }

  /** Each <time datetime> says its time relative to now, with the local time and the ISO one as its title. */
  function showTimes(root) {
    const now = Date.now();
    for (const el of root.querySelectorAll('time[datetime]')) {
      const iso = el.getAttribute('datetime');
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) continue;
      el.textContent = sayRelative(date, now);
      el.title = `${absolute.format(date)} (${iso})`;
    }
  }

  // Copy buttons: shown only where the clipboard can be written.
  for (const button of document.querySelectorAll('button[data-copy]')) {
    if (!navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      const text = document.getElementById(button.dataset.copy)?.textContent ?? '';
      await navigator.clipboard.writeText(text);
      button.textContent = button.dataset.copied;
    });
  }

  // An action that asks first (release, re-analyse) posts only when the reader agrees.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
    if (question && !window.confirm(question)) event.preventDefault();
  });

  showTimes(document);
  setInterval(() => showTimes(document), RETIME_MS);

  const controls = document.getElementById('refresh');
  if (!controls) return;
  const toggle = document.getElementById('refresh-toggle');
  const status = document.getElementById('refresh-status');
  let paused = sessionStorage.getItem(PAUSED_KEY) === '1';

  function showPaused() {
    toggle.setAttribute('aria-pressed', String(paused));
    status.textContent = paused ? controls.dataset.paused : controls.dataset.every;
  }

  /** True while the reader is in the middle of something a swap would undo: focus or a selection. */
  function busy(main) {
    const active = document.activeElement;
    const selection = document.getSelection();
    return (
      (active && active !== document.body && active !== main && main.contains(active)) ||
      (selection && !selection.isCollapsed)
    );
  }

  async function refresh() {
    const main = document.querySelector('main');
    if (paused || document.hidden || !main || busy(main)) return;
    try {
      const res = await fetch(location.href, { headers: { accept: 'text/html' }, cache: 'no-store' });
      // A session that ended sends the reader to sign in: load that page rather than swap it in.
      if (res.redirected || !res.ok) {
        if (res.redirected) location.reload();
        else throw new Error(`HTTP ${res.status}`);
        return;
      }
      const next = new DOMParser().parseFromString(await res.text(), 'text/html');
      const nextMain = next.querySelector('main');
      const nextStamp = next.getElementById('generated');
      if (!nextMain || paused || busy(main)) return;
      main.replaceWith(document.adoptNode(nextMain));
      if (nextStamp) document.getElementById('generated')?.replaceWith(document.adoptNode(nextStamp));
      showTimes(document);
      if (!paused) showPaused();
    } catch (e) {
      status.textContent = controls.dataset.failed.replace('{why}', e.message);
    }
  }

  toggle.addEventListener('click', () => {
    paused = !paused;
    sessionStorage.setItem(PAUSED_KEY, paused ? '1' : '0');
    showPaused();
  });

  showPaused();
  controls.hidden = false;
  setInterval(refresh, REFRESH_MS);
})();
