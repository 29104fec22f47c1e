// The plain-JS peer of the app's grid: what a hand-written page does for the same view with no
// framework and no wasm. It reads the view from location.search, asks the same API URL the app
// asks (`<meta name="ll2-api-base">` + `/spacecraft/` + the query string) and renders the app's
// card markup (src/components/card.rs, default mode) and result count. An external file, so it
// runs under the app's Content-Security-Policy. The bench serves it as /peer.html?limit=20.
const base = document.querySelector('meta[name="ll2-api-base"]').content.replace(/\/+$/, '');
const root = document.querySelector('base')?.getAttribute('href') ?? '/';
const esc = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const count = (n) => (n == null ? '—' : n.toLocaleString('en-US'));

/** An ISO 8601 duration as the app writes it (`84d 1h 15m`); `—` when absent, raw when unreadable. */
function duration(text) {
  if (text == null || !text.trim()) return '—';
  const m = /^P(?:([\d.]+)Y)?(?:([\d.]+)M)?(?:([\d.]+)W)?(?:([\d.]+)D)?(?:T(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?)?$/.exec(text.trim());
  if (!m || m.slice(1).every((part) => part === undefined)) return text;
  const s = [31536000, 2592000, 604800, 86400, 3600, 60, 1].reduce((t, scale, i) => t + Math.floor((Number(m[i + 1]) || 0) * scale), 0);
  const d = Math.floor(s / 86400), h = Math.floor(s / 3600) % 24, min = Math.floor(s / 60) % 60;
  const parts = d >= 365 ? [[Math.floor(d / 365), 'y'], [d % 365, 'd']]
    : d > 0 ? [[d, 'd'], [h, 'h'], [min, 'm']] : [[h, 'h'], [min, 'm'], [s % 60, 's']];
  return parts.filter(([v]) => v > 0).map(([v, unit]) => `${v}${unit}`).join(' ') || '0m';
}

const TONES = { active: 'good', destroyed: 'bad', lost: 'bad', retired: 'muted', 'single use': 'muted', decayed: 'muted' };
const stat = (label, value) => `<div class="stat"><dt>${label}</dt><dd>${esc(value)}</dd></div>`;
const fallbacks = []; // per card: the image URLs still to try, ending on the placeholder

function card(c, index) {
  const name = c.name?.trim() ? c.name : `Unnamed spacecraft #${c.id}`;
  const urls = [c.image?.thumbnail_url, c.image?.image_url].map((u) => u?.trim()).filter((u) => /^https?:\/\//i.test(u ?? ''));
  fallbacks.push([...new Set(urls), `${root}public/placeholder.svg`]);
  const config = c.spacecraft_config ?? {};
  const meta = [config.type?.name, config.agency?.abbrev?.trim() || config.agency?.name].filter((p) => p?.trim()).join(' · ');
  const status = c.status?.name?.trim();
  const src = fallbacks[index].shift();
  return `<li><article class="card" data-spacecraft-id="${c.id}"><div class="card-media">` +
    `<img${fallbacks[index].length ? '' : ' class="placeholder"'} src="${esc(src)}" alt="${esc(name)}" loading="${index < 4 ? 'eager' : 'lazy'}" decoding="async"></div>` +
    `<div class="card-body"><h2 class="card-title"><a class="card-link" href="${root}spacecraft/${c.id}">${esc(name)}</a></h2>` +
    (c.serial_number?.trim() ? `<p class="card-serial">${esc(c.serial_number)}</p>` : '') +
    `<ul class="badges" aria-label="Status">` +
    (status ? `<li class="badge badge-status badge-${TONES[status.toLowerCase()] ?? 'neutral'}">${esc(status)}</li>` : '') +
    (c.in_space ? '<li class="badge badge-space">In space</li>' : '') +
    (c.is_placeholder ? '<li class="badge badge-placeholder">Placeholder</li>' : '') + '</ul>' +
    (config.name?.trim() || meta ? `<p class="card-config"><span class="card-config-name">${esc(config.name)}</span>` +
      (meta ? `<span class="card-config-meta">${esc(meta)}</span>` : '') + '</p>' : '') +
    (c.description?.trim() ? `<p class="card-description">${esc(c.description)}</p>` : '') +
    `<dl class="stats">${stat('Flights', count(c.flights_count))}${stat('Mission ends', count(c.mission_ends_count))}` +
    `${stat('Time in space', duration(c.time_in_space))}${stat('Time docked', duration(c.time_docked))}` +
    (c.fastest_turnaround ? stat('Fastest turnaround', duration(c.fastest_turnaround)) : '') + '</dl></div></article></li>';
}

async function main() {
  const results = document.querySelector('.results');
  try {
    const response = await fetch(`${base}/spacecraft/${location.search}`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const page = await response.json();
    const offset = Number(new URLSearchParams(location.search).get('offset')) || 0;
    const shown = page.results.length;
    const range = shown ? `${count(offset + 1)}–${count(offset + shown)} of ${count(page.count)}` : `0 of ${count(page.count)}`;
    results.innerHTML = `<p class="result-count" data-testid="result-count" tabindex="-1">${range} spacecraft</p>` +
      `<ul class="card-grid" role="list">${page.results.map(card).join('')}</ul>`;
    results.querySelectorAll('.card-media img').forEach((img, i) => img.addEventListener('error', () => {
      const next = fallbacks[i].shift();
      if (next) img.src = next;
      if (!fallbacks[i].length) img.className = 'placeholder';
    }));
  } catch (error) {
    results.innerHTML = `<div class="notice notice-error" role="alert"><p>${esc(error.message)}</p></div>`;
  } finally {
    results.setAttribute('aria-busy', 'false');
  }
}

main();
