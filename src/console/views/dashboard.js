// The dashboard's script, served from its own origin: times shown local and relative, and the page
// brought up to date every 30 seconds unless the reader pauses it. Without it the page still works:
// times stay ISO 8601 and the reader reloads. No meta refresh: it reloads under a screen reader and
// cannot be paused.
(() => {
  const REFRESH_MS = 30_000;
  const RETIME_MS = 15_000;
  const PAUSED_KEY = 'graphsoc.dashboard.paused';
  const UNITS = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

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

  const controls = document.getElementById('refresh');
  const toggle = document.getElementById('refresh-toggle');
  const status = document.getElementById('refresh-status');
  let paused = sessionStorage.getItem(PAUSED_KEY) === '1';

  function showPaused() {
    toggle.setAttribute('aria-pressed', String(paused));
    status.textContent = paused ? 'Updates paused.' : 'Updates every 30 seconds.';
  }

  /** True while the reader is in the middle of something a swap would undo: focus or a selection. */
  function busy(main) {
    const active = document.activeElement;
    const selection = document.getSelection();
    return (
      (active && active !== document.body && main.contains(active)) || (selection && !selection.isCollapsed)
    );
  }

  async function refresh() {
    const main = document.querySelector('main');
    if (paused || document.hidden || !main || busy(main)) return;
    try {
      const res = await fetch(location.href, { headers: { accept: 'text/html' }, cache: 'no-store' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const next = new DOMParser().parseFromString(await res.text(), 'text/html');
      const nextMain = next.querySelector('main');
      const nextStamp = next.getElementById('generated');
      if (!nextMain || paused || busy(main)) return;
      main.replaceWith(document.adoptNode(nextMain));
      if (nextStamp) document.getElementById('generated')?.replaceWith(document.adoptNode(nextStamp));
      showTimes(document);
      if (!paused) showPaused();
    } catch (e) {
      status.textContent = `Could not update (${e.message}); trying again in 30 seconds.`;
    }
  }

  toggle.addEventListener('click', () => {
    paused = !paused;
    sessionStorage.setItem(PAUSED_KEY, paused ? '1' : '0');
    showPaused();
  });

  showTimes(document);
  showPaused();
  controls.hidden = false;
  setInterval(refresh, REFRESH_MS);
  setInterval(() => showTimes(document), RETIME_MS);
})();
