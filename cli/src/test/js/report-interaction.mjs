// Drives a tcpflight HTML report in headless Chromium as a user would: opens it, drags across the overview to zoom,
// filters by state, clicks a connection, opens a stack trace, zooms back out; prints what the page showed after each
// step as one JSON object, and keeps a screenshot. Usage: node report-interaction.mjs REPORT.html SHOT.png PROFILE_DIR
import puppeteer from 'puppeteer-core';

const [report, screenshot, profile] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  userDataDir: profile,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) requests.push(request.url());
  });
  await page.setViewport({ width: 1400, height: 1000 });
  const started = Date.now();
  await page.goto('file://' + report, { waitUntil: 'load' });
  await page.waitForSelector('body[data-rendered-rows]');
  const openMs = Date.now() - started;

  const state = () => page.$eval('body', (body) => ({
    rows: Number(body.getAttribute('data-rendered-rows')),
    matching: Number(body.getAttribute('data-matching')),
    from: Number(body.getAttribute('data-view-from')),
    to: Number(body.getAttribute('data-view-to')),
    states: Array.from(document.querySelectorAll('#rows g.row')).map((row) => row.getAttribute('data-states')),
  }));
  const total = await page.$eval('#report-data', (data) => JSON.parse(data.textContent).total);
  const initial = await state();

  const overview = await (await page.$('#overview')).boundingBox();
  await page.mouse.move(overview.x + overview.width * 0.6, overview.y + 30);
  await page.mouse.down();
  await page.mouse.move(overview.x + overview.width * 0.9, overview.y + 30, { steps: 5 });
  await page.mouse.up();
  const zoomed = await state();

  await page.select('#filter-state', 'CLOSE_WAIT');
  const filtered = await state();

  await page.click('#rows g.row rect.span');
  await page.waitForSelector('#details[data-connection]');
  await page.click('#details tr.transition details summary');
  const details = await page.$eval('#details', (panel) => ({
    connection: Number(panel.getAttribute('data-connection')),
    title: panel.querySelector('h3').textContent,
    transitions: Array.from(panel.querySelectorAll('tr.transition')).map((row) => row.cells[1].textContent),
    frames: Array.from(panel.querySelectorAll('li.frame')).map((frame) => frame.textContent),
    openStacks: panel.querySelectorAll('details[open]').length,
  }));
  await page.screenshot({ path: screenshot });

  await page.select('#filter-state', '');
  await page.click('#zoom-reset');
  const reset = await state();
  console.log(JSON.stringify({ openMs, total, initial, zoomed, filtered, details, reset, errors, requests }));
} finally {
  await browser.close();
}
