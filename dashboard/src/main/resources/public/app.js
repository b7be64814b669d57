'use strict';
// Live view: each server-sent "window" event is one window summary (schema 1). Values are set as text only.
(function () {
  const text = (id, value) => { document.getElementById(id).textContent = String(value); };

  function show(w) {
    text('run', w.run);
    text('window', '#' + w.window.index + ' · ' + new Date(w.window.wall_start_ms).toISOString().substring(11, 19) + ' UTC');
    text('total-hits', w.total_hits);
    w.chambers.forEach(c => text('chamber-' + c.chamber + '-hits', c.hits));
  }

  const events = new EventSource('/events');
  events.addEventListener('open', () => text('connection', 'live'));
  events.addEventListener('error', () => text('connection', 'reconnecting…'));
  events.addEventListener('window', e => show(JSON.parse(e.data)));
})();
