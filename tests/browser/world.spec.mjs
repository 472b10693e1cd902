// Browser test of the dashboard at scale (CTest "dashboard_world_browser"): a store of real
// documents in three languages (the seed article in French, its English and Russian renderings
// from tests/golden, and the Belgorod/Kherson wire stories of tests/data/store, three sources of
// one drone strike), served by `tocsin serve --db`, opened in headless Debian chromium through
// npm playwright-core. Checks the family legend, the event panel with several sources grouped
// by language, alerts selecting their events, the language filter and the search box, the URL
// round trip, the exports of the view, keyboard navigation; then times the first render of
// 10,000 synthetic events (`tocsin serve --synthetic 10000`, printed, not asserted).
// Screenshots: OUT_DIR/dashboard-world*.png.
//
//   node tests/browser/world.spec.mjs --tocsin build/tocsin --out build --chromium /usr/bin/chromium --root .
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, v, i, a) => {
  if (v.startsWith('--')) acc.push([v.slice(2), a[i + 1]]);
  return acc;
}, []));
const root = resolve(args.root || '.');
const thirdParty = process.env.TOCSIN_THIRD_PARTY || join(root, 'third_party/node_modules');
const { chromium } = await import(pathToFileURL(join(thirdParty, 'playwright-core/index.mjs')).href);

let passed = 0, failed = 0;
function check(cond, what, detail = '') {
  if (cond) { passed++; console.log(`ok   ${what}`); }
  else { failed++; console.log(`FAIL ${what}${detail ? `: ${detail}` : ''}`); }
}

const work = mkdtempSync(join(tmpdir(), 'tocsin-world-'));
const servers = [];

// The texts of a golden case: between the "---" line and the "===" line.
function goldenText(name) {
  const t = readFileSync(join(root, 'tests/golden', name), 'utf8');
  const body = t.slice(t.indexOf('\n---\n') + 5);
  return body.slice(0, body.indexOf('\n===')).trim() + '\n';
}

function serve(sourceArgs) {
  const server = spawn(args.tocsin, ['serve', ...sourceArgs, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  servers.push(server);
  let err = '';
  server.stderr.on('data', (d) => { err += d; });
  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`tocsin serve did not start: ${err}`)), 60000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    server.on('exit', (code) => { clearTimeout(timer); fail(new Error(`tocsin serve exited ${code}: ${err}`)); });
  });
}

async function getJson(url) { return (await fetch(url)).json(); }

let browser;
try {
  // ---- the store: real documents in French, English and Russian -----------------------------
  const docs = join(work, 'docs');
  spawnSync('mkdir', ['-p', docs]);
  copyFileSync(join(root, 'samples/armenia-azerbaijan-2022-09-13.fr.txt'), join(docs, 'armenia-azerbaijan-2022-09-13.fr.txt'));
  writeFileSync(join(docs, 'armenia-azerbaijan-2022-09-13.en.txt'), goldenText('en-seed.test'));
  writeFileSync(join(docs, 'armenia-azerbaijan-2022-09-13.ru.txt'), goldenText('ru-seed.test'));
  for (const f of readdirSync(join(root, 'tests/data/store')).filter((f) => f.endsWith('.json'))) {
    copyFileSync(join(root, 'tests/data/store', f), join(docs, f));
  }
  const db = join(work, 'world.db');
  const ingest = spawnSync(args.tocsin, ['ingest', '--db', db, '--date', '2022-09-13', '--progress', 'never', docs], { encoding: 'utf8' });
  if (ingest.status !== 0) throw new Error(`tocsin ingest exited ${ingest.status}: ${ingest.stderr}`);
  const base = await serve(['--db', db]);
  console.log(`store server at ${base}`);

  const all = await getJson(`${base}/api/events?limit=500`);
  const langs = Object.keys((await getJson(`${base}/api/stats`)).facets.lang || {}).sort();
  check(langs.join(',') === 'en,fr,ru', 'the store holds sources in French, English and Russian', langs.join(','));

  browser = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: args.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
      '--disable-default-apps', '--disable-extensions'],
    viewport: { width: 1600, height: 1000 },
    deviceScaleFactor: 1,
    acceptDownloads: true,
  });
  const external = [], consoleErrors = [];
  const watch = (page) => {
    page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
      external.push(url.href);
      return route.abort();
    });
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    return page;
  };
  const ready = (page) => page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  const rendered = (page) => page.waitForSelector('body[data-ready="true"][data-rendered="true"]', { timeout: 30000 });
  const page = watch(browser.pages()[0] || await browser.newPage());
  await page.goto(base + '/', { waitUntil: 'load' });
  await rendered(page);
  check(await page.locator('.leaflet-overlay-pane canvas').count() > 0, 'country borders drawn');

  // ---- legend: families, kinds present only, collapsible -----------------------------------
  const families = await page.$$eval('#legend .legend-family', (xs) => xs.map((x) => x.dataset.family));
  check(families.includes('violence') && families.includes('diplomatic'), 'legend groups kinds by family (violence, diplomatic…)', families.join(','));
  const legendKinds = new Set(await page.$$eval('#legend .legend-row[data-kind]', (xs) => xs.map((x) => x.dataset.kind)));
  const apiKinds = new Set(all.events.map((e) => e.kind));
  check([...legendKinds].every((k) => apiKinds.has(k)) && legendKinds.size > 0 && legendKinds.size < 20,
    'legend lists only kinds present', `${[...legendKinds].join(',')}`);
  const colours = await page.$$eval('#legend .legend-family[data-family="violence"] .kind-badge', (xs) => [...new Set(xs.map((x) => x.style.background))]);
  check(colours.length === 1, 'one colour for the violence family', colours.join(' '));
  await page.click('#legend-toggle');
  check(await page.getAttribute('#legend-toggle', 'aria-expanded') === 'false' && await page.locator('#legend-body').isHidden(), 'legend collapses');
  await page.click('#legend-toggle');
  check(await page.locator('#legend-body').isVisible(), 'legend expands again');
  await page.selectOption('#f-kind', 'shelling');
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && document.querySelectorAll('#legend .legend-row[data-kind]').length === 1);
  check(await page.locator('#legend .legend-row[data-kind="shelling"]').count() === 1, 'legend follows the view (kind=shelling: one kind)');
  await page.click('#f-reset');
  await ready(page);
  await page.click('#legend .legend-family-head[data-family="violence"]');
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && new URLSearchParams(location.hash.slice(1)).get('family') === 'violence');
  const fams = await page.$$eval('#legend .legend-family', (xs) => xs.map((x) => x.dataset.family));
  const violent = all.events.filter((e) => e.violent).length;
  check(await page.inputValue('#f-family') === 'violence' && fams.join() === 'violence',
    'a family in the legend filters to that family', fams.join());
  const famRows = await page.$$eval('.feed-item', (xs) => xs.length);
  check(famRows >= 1 && famRows <= violent, 'family filter: violent events only', `${famRows} of ${violent}`);
  await page.click('#f-reset');
  await ready(page);

  // ---- an event with several sources (casualties first): grouped by language ----------------
  const multi = all.events.filter((e) => e.sources >= 2)
    .sort((a, b) => (b.victims > 0) - (a.victims > 0) || b.sources - a.sources)[0];
  check(multi && multi.sources >= 2, 'an event has several sources (fused)', multi && `${multi.id}: ${multi.sources}`);
  const detail = await getJson(`${base}/api/events/${encodeURIComponent(multi.id)}`);
  const mentionLangs = [...new Set(detail.mentions.map((m) => m.lang))];
  await page.goto(`${base}/#event=${encodeURIComponent(multi.id)}`);
  await page.reload();
  await rendered(page);
  await page.waitForSelector('#detail .lang-group .evidence', { timeout: 10000 });
  const groups = await page.$$eval('#detail .lang-group', (xs) => xs.map((x) => x.dataset.lang));
  check(groups.length === mentionLangs.length && mentionLangs.every((l) => groups.includes(l)),
    `event panel groups its ${detail.mentions.length} sources by language`, `${groups} vs ${mentionLangs}`);
  check(await page.locator('#detail .mention').count() === detail.mentions.length, 'every source is shown');
  check(await page.locator('#detail .mention mark.trigger').count() >= detail.mentions.length, 'evidence highlighted in every source');
  check(await page.locator('#detail a[data-doc]').count() === detail.mentions.length, 'a document link per source');
  check(detail.casualties.length > 0, 'the fused event has casualty claims', multi.id);
  if (detail.casualties.length) {
    check(await page.locator('#detail table.casualties .cas-side').count() >= 1, 'casualty claims by side');
    check(/Reconciled|Killed claims/.test(await page.locator('#detail .reconciled').innerText()), 'reconciled range shown');
  }
  check(/merged|fused/i.test(await page.locator('#detail').innerText()), 'merge explanation shown');
  await page.screenshot({ path: join(args.out, 'dashboard-world.png') });

  // The fusion's `merge` object ({rule, score, shared[]}, when the API gives one) is displayed:
  // injected here into the event's response.
  await page.route(`**/api/events/${encodeURIComponent(multi.id)}`, async (route) => {
    const resp = await route.fetch();
    const j = await resp.json();
    j.merge = { rule: 'same-kind-place-window', score: 0.87, shared: ['kind', 'date', 'place:Goris'] };
    await route.fulfill({ response: resp, json: j });
  });
  await page.reload();
  await rendered(page);
  await page.waitForSelector('#detail .merge-rule');
  check(await page.locator('#detail .merge-rule').innerText() === 'same-kind-place-window' &&
    /0\.87/.test(await page.locator('#detail .merge').innerText()) &&
    await page.locator('#detail .merge .chip').count() === 3, 'the merge object (rule, score, shared) is displayed');
  await page.unroute(`**/api/events/${encodeURIComponent(multi.id)}`);

  // The seed shelling (Goris) in the event panel: territory status, French evidence.
  const goris = all.events.find((e) => e.kind === 'shelling' && (e.places || []).some((p) => p.name === 'Goris'));
  if (goris) {
    await page.evaluate((id) => { location.hash = `event=${encodeURIComponent(id)}`; }, goris.id);
    await page.waitForFunction((id) => document.querySelector('#detail h3') && !document.querySelector('#detail .loading') &&
      new URLSearchParams(location.hash.slice(1)).get('event') === id, goris.id);
    await page.waitForSelector('#detail .terr-sovereign');
    check(await page.locator('#detail .places .terr-sovereign').count() > 0, 'territory status in the event panel');
  }

  // ---- alerts: ranked, grouped, selecting their events -------------------------------------
  const alerts = (await getJson(`${base}/api/alerts`)).alerts;
  if (alerts.length) {
    const sevs = await page.$$eval('#alert-list li.alert', (xs) => xs.map((x) => [...x.classList].find((c) => c.startsWith('sev-'))));
    const hasHigh = alerts.some((a) => a.severity === 'high');
    check(!hasHigh || sevs[0] === 'sev-high', 'the first alert is a high one', sevs.join(','));
    check(await page.locator('#alert-list li.situation').count() >= 1, 'alerts grouped by situation');
    // Within a situation: severity, then treaty engaged, then newest first.
    const ranked = await page.$$eval('#alert-list li.situation', (gs) => gs.map((g) => [...g.querySelectorAll('li.alert')].map((a) => ({
      sev: { 'sev-high': 0, 'sev-medium': 1, 'sev-low': 2 }[[...a.classList].find((c) => c.startsWith('sev-'))] ?? 3,
      engaged: a.classList.contains('engaged') ? 0 : 1,
      date: a.querySelector('.alert-date').textContent.slice(0, 10),
    }))));
    const inOrder = (x, y) => x.sev < y.sev || (x.sev === y.sev && (x.engaged < y.engaged || (x.engaged === y.engaged && x.date >= y.date)));
    check(ranked.every((g) => g.every((a, i) => i === 0 || inOrder(g[i - 1], a))) &&
      ranked.every((g, i) => i === 0 || inOrder(ranked[i - 1][0], g[0])), 'alerts ranked by severity, treaty engaged, recency', JSON.stringify(ranked).slice(0, 300));
    const first = page.locator('#alert-list li.alert').first();
    const id = await first.getAttribute('data-alert');
    const a = alerts.find((x) => x.id === id);
    await first.click();
    await page.waitForFunction(() => document.body.classList.contains('has-alert'));
    await page.waitForTimeout(900);  // the map flies to the events
    check(await page.locator('.marker.highlighted, .cluster.has-selected').count() >= 1, 'the alert\'s events are marked on the map');
    check(await page.locator('#timeline-svg rect.sel-day').count() >= 1, 'the alert\'s days are marked on the timeline');
    check(new URLSearchParams(await page.evaluate(() => location.hash.slice(1))).get('alert') === id, 'the URL names the alert');
    check((a.event_ids || []).length === 0 || await page.locator('#detail .mention').count() >= 1, 'the alert opens its first event');
    await first.click();  // again: unselect
    await page.waitForFunction(() => !document.body.classList.contains('has-alert'));
  } else {
    console.log('note: no alert on this store (no knowledge base?); alert checks skipped');
  }

  // ---- filters, search, URL round trip, export ---------------------------------------------
  await page.click('#f-reset');
  await ready(page);
  await page.selectOption('#f-lang', 'en');
  await ready(page);
  const enTotal = (await getJson(`${base}/api/events?lang=en&limit=1`)).total;
  check(await page.locator('#feed-count').innerText().then((t) => t.startsWith(String(enTotal))), `language filter (en: ${enTotal} events)`);
  await page.fill('#f-q', 'belgorod');
  await page.press('#f-q', 'Enter');
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && new URLSearchParams(location.hash.slice(1)).get('q') === 'belgorod');
  await ready(page);
  const found = await page.$$eval('.feed-item', (xs) => xs.map((x) => x.innerText));
  check(found.length >= 1 && found.every((t) => /Belgorod/i.test(t)), 'search finds the Belgorod events', found.join(' | ').slice(0, 200));
  await page.locator('.feed-item a').first().click();
  await page.waitForSelector('#detail .mention');
  const url = page.url();
  const hash = new URLSearchParams(new URL(url).hash.slice(1));
  check(hash.get('lang') === 'en' && hash.get('q') === 'belgorod' && !!hash.get('event'), 'URL holds the filters and the selection', url);

  const csvHref = await page.getAttribute('#export-csv', 'href');
  const geoHref = await page.getAttribute('#export-geojson', 'href');
  const jlHref = await page.getAttribute('#export-jsonl', 'href');
  check(/lang=en/.test(csvHref) && /q=belgorod/.test(csvHref), 'export link carries the view', csvHref);
  const csv = await (await fetch(base + csvHref)).text();
  const geo = JSON.parse(await (await fetch(base + geoHref)).text());
  const jl = (await (await fetch(base + jlHref)).text()).trim().split('\n');
  check(csv.split('\r\n').filter(Boolean).length === found.length + 1 && /Belgorod/.test(csv), `CSV export: header + ${found.length} rows`);
  check(geo.type === 'FeatureCollection' && geo.features.length === found.length, 'GeoJSON export of the view');
  check(jl.length === found.length && jl.every((l) => /belgorod/i.test(l)), 'JSON Lines export of the view');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.click('#export-csv')]);
  check(download.suggestedFilename() === 'tocsin-events.csv', 'the CSV button downloads a file', download.suggestedFilename());

  // The same URL (plus a period) in a new tab restores the view.
  const page2 = watch(await browser.newPage());
  await page2.goto(url.replace('#', '#from=2024-01-01&to=2024-01-31&'));
  await rendered(page2);
  await page2.waitForSelector('#detail .mention');
  check(await page2.inputValue('#f-lang') === 'en' && await page2.inputValue('#f-q') === 'belgorod', 'round trip: filters restored');
  check(await page2.locator('#range-label.active').innerText() === '2024-01-01 → 2024-01-31' &&
    /from=2024-01-01&to=2024-01-31/.test(await page2.getAttribute('#export-csv', 'href')), 'round trip: the period restored (and exported)');
  check(await page2.locator('.feed-item').count() === found.length, 'round trip: same events');
  check(new URLSearchParams(new URL(page2.url()).hash.slice(1)).get('event') === hash.get('event') &&
    await page2.locator('#detail').isVisible(), 'round trip: same event selected');
  await page2.close();

  // ---- keyboard -------------------------------------------------------------------------
  await page.click('#f-reset');
  await ready(page);
  await page.focus('#feed-scroll');
  await page.keyboard.press('Home');
  await page.waitForSelector('.feed-item.selected');
  const firstSel = await page.getAttribute('.feed-item.selected', 'data-event');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((id) => { const s = document.querySelector('.feed-item.selected'); return s && s.dataset.event !== id; }, firstSel);
  const rows = await page.$$eval('.feed-item', (xs) => xs.map((x) => x.dataset.event));
  check(rows.indexOf(await page.getAttribute('.feed-item.selected', 'data-event')) === rows.indexOf(firstSel) + 1, 'ArrowDown selects the next event');
  await page.keyboard.press('Escape');
  check(await page.locator('#detail').isHidden(), 'Escape closes the event panel');
  check(await page.locator('#f-q[aria-label]').count() === 1 && await page.locator('#feed-scroll[aria-label]').count() === 1, 'accessible labels on search and feed');
  await page.click('#f-reset');
  await rendered(page);
  await page.waitForTimeout(1000);  // the map's fly animation ends
  await page.screenshot({ path: join(args.out, 'dashboard-world-overview.png') });

  // ---- 10,000 events -----------------------------------------------------------------------
  const big = await serve(['--synthetic', '10000']);
  const page3 = watch(await browser.newPage());
  const t0 = Date.now();
  await page3.goto(big + '/', { waitUntil: 'load' });
  await page3.waitForSelector('body[data-ready="true"][data-rendered="true"][data-events="10000"]', { timeout: 60000 });
  await page3.waitForSelector('.cluster, .marker', { timeout: 30000 });
  const wall = Date.now() - t0;
  const timing = await page3.evaluate(() => window.tocsinTiming);
  console.log(`timing: first render of 10000 events: ${wall} ms from navigation to markers and borders; in the page: ${JSON.stringify(timing)}`);
  check(await page3.locator('.feed-item').count() < 200, 'feed virtualised (few rows in the DOM)', `${await page3.locator('.feed-item').count()}`);
  const t1 = Date.now();
  await page3.evaluate(() => { document.getElementById('feed-scroll').scrollTop = 66 * 5000; });
  await page3.waitForFunction(() => [...document.querySelectorAll('.feed-item')].some((x) => x.getAttribute('aria-posinset') === '5001'));
  const scrollMs = Date.now() - t1;
  console.log(`timing: feed scrolled to row 5000 in ${scrollMs} ms`);
  check(scrollMs < 5000, 'the 10,000-event feed scrolls');
  await page3.screenshot({ path: join(args.out, 'dashboard-world-10k.png') });
  await page3.close();

  check(external.length === 0, 'no request left loopback', external.slice(0, 5).join(' '));
  check(consoleErrors.length === 0, 'no console error', consoleErrors.slice(0, 5).join(' | '));
} catch (err) {
  failed++;
  console.log(`FAIL ${err.stack || err}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  for (const s of servers) s.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
