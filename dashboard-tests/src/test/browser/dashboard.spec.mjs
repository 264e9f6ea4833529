// The dashboard in headless Chromium against a running hub with real traffic (started by
// DashboardBrowserIT, which passes the hub and the keys in the environment). Exits non-zero, naming
// the check, when a page does not render, a number differs from the API's, or a login that must
// fail succeeds. Screenshots of each view go to $SHOTS.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const HUB = env('HUB');
const TOKEN = env('TOKEN');
const PROVIDER = env('PROVIDER').toLowerCase();
const PROVIDER_KEY = env('PROVIDER_KEY');
const WRONG_KEY = env('WRONG_KEY');
const CONSUMER = env('CONSUMER').toLowerCase();
const LATE_KEY = env('LATE_KEY');
const LATE_JOB = env('LATE_JOB');
const SHOTS = env('SHOTS');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const WEI = 10n ** 18n;
const myst = (wei) => {
  const w = BigInt(wei);
  const frac = (w % WEI).toString().padStart(18, '0').replace(/0+$/, '');
  return `${w / WEI}${frac ? '.' + frac : ''} MYST`;
};

let checks = 0;
const consoleErrors = [];

/** Waits for a view to have loaded; says what the page shows when it does not. */
async function loaded(page, view) {
  try {
    await page.waitForSelector(`body[data-loaded="${view}"]`, { timeout: 20000 });
  } catch (e) {
    const shown = await page.evaluate(() => ({
      status: document.getElementById('status').textContent,
      login: document.getElementById('login-error').textContent,
    }));
    throw new Error(`the ${view} view did not load: ${JSON.stringify(shown)}; script errors: ${consoleErrors.join('; ')}`);
  }
}
function equal(what, actual, expected) {
  if (actual !== expected) {
    throw new Error(`${what}: the page shows ${JSON.stringify(actual)}, the API ${JSON.stringify(expected)}`);
  }
  checks++;
}

async function api(path, auth) {
  const res = await fetch(`${HUB}/api/dashboard${path}`, { headers: auth ? { Authorization: auth } : {} });
  return { status: res.status, body: await res.json() };
}

async function amountOf(page, selector) {
  const el = page.locator(selector);
  return { wei: await el.getAttribute('data-wei'), text: (await el.textContent()).trim() };
}

async function expectAmount(page, selector, wei, what) {
  const shown = await amountOf(page, selector);
  equal(`${what} (wei)`, shown.wei, wei);
  equal(`${what} (text)`, shown.text, myst(wei));
}

const profile = mkdtempSync(join(tmpdir(), 'hermes-dashboard-chromium-'));
mkdirSync(SHOTS, { recursive: true });
// a persistent context on a fresh profile folder: Chromium gets --user-data-dir=<profile>
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
  viewport: { width: 1280, height: 900 },
  colorScheme: 'light',
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => consoleErrors.push(e.message));

  // an operator page refuses without the login
  const anonymous = await api('/operator/overview');
  equal('operator overview without login: status', anonymous.status, 401);
  equal('operator overview without login: cause', anonymous.body.cause, 'login required');
  const badToken = await api('/operator/overview', 'Bearer not-the-operator-token');
  equal('operator overview with a wrong token: status', badToken.status, 401);

  await page.goto(`${HUB}/dashboard/`);
  await page.locator('#login').waitFor({ state: 'visible' });
  equal('the operator view is hidden before login', await page.locator('#operator').isVisible(), false);

  // operator: token login, numbers against the API
  await page.fill('#operator-token', TOKEN);
  await page.click('#token-login button');
  await loaded(page, 'operator');
  const op = (await api('/operator/overview', `Bearer ${TOKEN}`)).body;
  equal('promises issued', (await page.textContent('#op-promises')).trim(), String(op.traffic.promises));
  equal('rejections', (await page.textContent('#op-rejections')).trim(), String(op.traffic.rejections));
  await expectAmount(page, '#op-available', op.solvency.available_balance, 'available balance');
  await expectAmount(page, '#op-owed', op.solvency.owed, 'owed to providers');
  await expectAmount(page, '#op-headroom', op.solvency.headroom, 'headroom');
  const causes = await page.locator('#op-causes tbody tr').allTextContents();
  equal('rejection causes listed', causes.length, Math.max(1, op.traffic.rejections_by_cause.length));
  for (const c of op.traffic.rejections_by_cause) {
    equal(`rejections of cause ${c.cause}`, causes.some((t) => t.includes(c.cause) && t.includes(String(c.count))), true);
  }
  equal('relay jobs done', (await page.textContent('#op-relay')).includes(`${op.relay.jobs.done} done`), true);
  const holder = op.leases.find((l) => l.holder);
  if (holder) equal('lease holder shown', (await page.textContent('#op-leases')).includes(holder.holder), true);

  const consumers = (await api('/operator/consumers', `Bearer ${TOKEN}`)).body;
  const row = page.locator(`#channels tr[data-identity="${CONSUMER}"]`);
  const item = consumers.items.find((c) => c.identity === CONSUMER);
  if (!item) throw new Error(`the API lists no consumer ${CONSUMER}`);
  equal('consumer promised (wei)', await row.locator('td.promised').getAttribute('data-wei'), item.promised);
  equal('consumer settled (text)', (await row.locator('td.settled').textContent()).trim(), myst(item.settled));
  equal('consumer unsettled (wei)', await row.locator('td.unsettled').getAttribute('data-wei'), item.unsettled);
  await page.screenshot({ path: join(SHOTS, 'operator.png'), fullPage: true });

  // search the providers table for the provider
  await page.selectOption('#channel-kind', 'providers');
  await page.fill('#channel-q', PROVIDER.slice(2, 12));
  await page.click('#channel-search button');
  await page.waitForSelector(`#channels tr[data-identity="${PROVIDER}"]`);
  const providers = (await api(`/operator/providers?q=${PROVIDER.slice(2, 12)}`, `Bearer ${TOKEN}`)).body;
  equal('providers found', await page.locator('#channels tbody tr').count(), providers.items.length);
  const earningsRow = providers.items.find((p) => p.identity === PROVIDER && p.kind === 'earnings');
  equal(
    'provider promised (wei)',
    await page.locator(`#channels tr[data-identity="${PROVIDER}"] td.promised`).first().getAttribute('data-wei'),
    earningsRow.promised,
  );
  await page.click('#logout');
  await page.locator('#login').waitFor({ state: 'visible' });

  // provider: a wrong key is refused, the right one logs in
  await page.fill('#identity', PROVIDER);
  await page.fill('#private-key', WRONG_KEY);
  await page.click('#key-login button');
  await page.waitForFunction(() => document.getElementById('login-error').textContent.length > 0);
  const refusal = await page.textContent('#login-error');
  equal('wrong key refused', refusal.includes('the signature is not by'), true);
  equal('no session after a wrong key', await page.evaluate(() => sessionStorage.getItem('hermes-dashboard-session')), null);
  await page.screenshot({ path: join(SHOTS, 'login-refused.png') });

  await page.fill('#identity', PROVIDER);
  await page.fill('#private-key', PROVIDER_KEY);
  await page.click('#key-login button');
  await loaded(page, 'provider');
  const session = JSON.parse(await page.evaluate(() => sessionStorage.getItem('hermes-dashboard-session')));
  equal('provider session role', session.role, 'provider');
  const pv = (await api('/provider/overview', `Bearer ${session.token}`)).body;
  equal('identity', (await page.textContent('#pv-identity')).trim(), PROVIDER);
  equal('beneficiary', (await page.textContent('#pv-beneficiary')).trim(), pv.beneficiary);
  await expectAmount(page, '#pv-promised', pv.earnings.promised, 'latest promise');
  await expectAmount(page, '#pv-settled', pv.earnings.settled, 'settled');
  await expectAmount(page, '#pv-unsettled', pv.earnings.unsettled, 'unsettled');
  await expectAmount(page, '#pv-hub-fee', pv.earnings.hub_fee, 'hub fee');
  await expectAmount(page, '#pv-transactor-fee', pv.earnings.transactor_fee, 'transactor fee');
  await expectAmount(page, '#pv-net', pv.earnings.net, 'net');
  const history = await page.locator('#pv-history tbody tr').allTextContents();
  equal('transactions listed', history.length, pv.transactions.length);
  for (const t of pv.transactions) {
    equal(`transaction ${t.tx_hash} shown`, history.some((h) => h.includes(t.tx_hash)), true);
  }
  const settled = await page.locator('#pv-settlements tbody tr[data-tx]').count();
  equal('settlements on chain listed', settled, pv.settlements.length);
  for (const h of pv.settlements) {
    const tr = page.locator(`#pv-settlements tr[data-tx="${h.tx_hash}"]`);
    equal(`settlement ${h.tx_hash}: paid out (wei)`, await tr.locator('td').nth(1).getAttribute('data-wei'), h.amount);
    equal(`settlement ${h.tx_hash}: fees (text)`, (await tr.locator('td').nth(2).textContent()).trim(), myst(h.fees));
    equal(`settlement ${h.tx_hash}: sent by`, (await tr.locator('td').nth(7).textContent()).trim(), h.via_relay ? "this hub's relay" : 'someone else');
  }
  equal('earnings chart drawn', await page.locator('#chart-earnings svg polyline, #chart-earnings svg circle').count() > 0, true);
  await page.screenshot({ path: join(SHOTS, 'provider.png'), fullPage: true });

  // a provider's session does not open the operator view
  const forbidden = await api('/operator/overview', `Bearer ${session.token}`);
  equal('operator overview with a provider session: status', forbidden.status, 403);

  // on a phone
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await loaded(page, 'provider');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) {
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && el.offsetParent !== null)
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className}: ${Math.round(el.getBoundingClientRect().right)}px`));
    throw new Error(`the page scrolls sideways by ${overflow}px on a phone; too wide: ${wide.join(', ')}`);
  }
  checks++;
  await page.screenshot({ path: join(SHOTS, 'provider-phone.png'), fullPage: true });

  // a provider whose registration failed for want of funds retries it from the page
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.click('#logout');
  await page.locator('#login').waitFor({ state: 'visible' });
  await page.fill('#identity', '');
  await page.fill('#private-key', LATE_KEY);
  await page.dispatchEvent('#private-key', 'change');
  await page.click('#key-login button');
  await loaded(page, 'provider');
  const job = page.locator(`#pv-history tr[data-job="${LATE_JOB}"]`);
  equal('the failed job is listed as failed', (await job.locator('td.state').textContent()).trim(), 'error');
  const retry = job.locator('button.retry');
  equal('the failed job has a Retry button', await retry.count(), 1);
  await page.screenshot({ path: join(SHOTS, 'provider-retry.png'), fullPage: true });
  await retry.click();
  try {
    await page.waitForFunction(
      (id) => document.querySelector(`#pv-history tr[data-job="${id}"] td.state`)?.textContent === 'done',
      LATE_JOB,
      { timeout: 60000, polling: 500 },
    );
  } catch (e) {
    throw new Error(`the retried job did not end done: ${await job.textContent()}; status: ${await page.textContent('#status')}`);
  }
  checks++;
  const late = JSON.parse(await page.evaluate(() => sessionStorage.getItem('hermes-dashboard-session')));
  const lateView = (await api('/provider/overview', `Bearer ${late.token}`)).body;
  const done = lateView.transactions.find((t) => t.id === LATE_JOB);
  equal('the retried job is done in the API', done.state, 'done');
  equal('its transaction is shown', (await job.locator('td').nth(3).textContent()).trim(), done.tx_hash);
  equal('no Retry button once done', await job.locator('button.retry').count(), 0);

  equal('no script errors', consoleErrors.join('; '), '');
  console.log(`dashboard: ${checks} checks passed; screenshots in ${SHOTS}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
