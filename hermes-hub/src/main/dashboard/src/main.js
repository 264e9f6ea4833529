import { myst, short, when } from './format.js';
import { addressOf, signBody } from './sign.js';
import { lineChart } from './chart.js';

const API = '../api/dashboard';
const KEY = 'hermes-dashboard-session';
const $ = (id) => document.getElementById(id);
let session = JSON.parse(sessionStorage.getItem(KEY) || 'null');
let refreshTimer = null;
const table = { kind: 'consumers', q: '', page: 0, size: 20, total: 0 };

class ApiError extends Error {
  constructor(status, body) {
    super(body.message || `HTTP ${status}`);
    this.status = status;
    this.cause = body.cause;
  }
}

async function api(path, { method = 'GET', body, auth } = {}) {
  const headers = {};
  if (auth) headers.Authorization = auth;
  else if (session) headers.Authorization = `Bearer ${session.token}`;
  if (body) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${API}${path}`, { method, headers, body });
  const json = await res.json().catch(() => ({ message: `HTTP ${res.status}` }));
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

function amount(el, wei) {
  el.textContent = myst(wei);
  el.dataset.wei = wei ?? '';
}

function cell(tr, text, { cls, title, wei } = {}) {
  const td = document.createElement('td');
  if (wei !== undefined) amount(td, wei);
  else td.textContent = text;
  if (cls) td.className = cls;
  if (title) td.title = title;
  tr.append(td);
  return td;
}

function rows(tbody, items, fill, empty) {
  tbody.replaceChildren();
  if (items.length === 0) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = tbody.parentElement.querySelectorAll('thead th').length || 1;
    td.textContent = empty;
    td.className = 'empty';
    tr.append(td);
    tbody.append(tr);
    return;
  }
  for (const item of items) {
    const tr = document.createElement('tr');
    fill(tr, item);
    tbody.append(tr);
  }
}

function facts(dl, entries) {
  dl.replaceChildren();
  for (const [term, wei, id] of entries) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    if (id) dd.id = id;
    if (wei !== null && typeof wei === 'object') dd.textContent = wei.text;
    else amount(dd, wei);
    dl.append(dt, dd);
  }
}

function show(view) {
  for (const id of ['login', 'operator', 'provider']) $(id).hidden = id !== view;
  $('logout').hidden = view === 'login';
  $('who').textContent = session ? `${session.role} ${short(session.identity)}` : '';
  if (session) $('who').title = session.identity;
}

function status(text) {
  $('status').textContent = text;
}

// ---- login ----

async function keyLogin(event) {
  event.preventDefault();
  $('login-error').textContent = '';
  try {
    const identity = $('identity').value.trim().toLowerCase();
    const key = $('private-key').value;
    const { challenge } = await api('/challenge', { auth: 'none' });
    const body = new TextEncoder().encode(JSON.stringify({ identity, challenge }));
    const signature = signBody(key, body);
    const s = await api('/login', { method: 'POST', body, auth: `Signature ${signature}` });
    $('private-key').value = '';
    start({ token: s.token, role: s.role, identity: s.identity });
  } catch (e) {
    $('login-error').textContent = `Login refused: ${e.message}`;
  }
}

async function tokenLogin(event) {
  event.preventDefault();
  $('login-error').textContent = '';
  const token = $('operator-token').value.trim();
  try {
    const s = await api('/session', { auth: `Bearer ${token}` });
    $('operator-token').value = '';
    start({ token, role: s.role, identity: s.identity });
  } catch (e) {
    $('login-error').textContent = `Login refused: ${e.message}`;
  }
}

function start(s) {
  session = s;
  sessionStorage.setItem(KEY, JSON.stringify(s));
  location.hash = s.role;
  route();
}

function logout() {
  session = null;
  sessionStorage.removeItem(KEY);
  clearInterval(refreshTimer);
  location.hash = '';
  route();
}

// ---- operator view ----

async function loadOperator() {
  const o = await api('/operator/overview');
  $('op-chain').textContent = `chain ${o.chain_id}`;
  $('op-as-of').textContent = when(o.as_of);
  $('op-as-of').dateTime = o.as_of;
  $('op-instance').textContent = o.instance;
  const t = o.traffic;
  $('op-promises').textContent = String(t.promises);
  $('op-rejections').textContent = String(t.rejections);
  $('op-latency').textContent = t.mean_latency_ms === null ? '–' : `${t.mean_latency_ms.toFixed(1)} ms`;
  const w = o.watcher;
  $('op-lag').textContent = w.lag_blocks === null ? '–' : `${w.lag_blocks} blocks`;
  $('op-watcher').textContent = `block ${w.block ?? '–'} of ${w.chain_head ?? '–'}`;
  const series = t.series.map((p) => ({ x: new Date(p.at), y: p.promises_per_second, l: p.latency_ms }));
  lineChart($('chart-rate'), series, { label: 'Promises per second', format: (v) => v.toFixed(1) });
  lineChart($('chart-latency'), series.map((p) => ({ x: p.x, y: p.l })), {
    label: 'Mean promise latency in milliseconds',
    format: (v) => v.toFixed(1),
  });
  const s = o.solvency;
  facts($('op-solvency'), [
    ['Available balance', s.available_balance, 'op-available'],
    ['Owed to providers (promised − settled)', s.owed, 'op-owed'],
    ['Largest provider stake', s.largest_stake],
    ['Collectible from consumers', s.collectible],
    ['Headroom', s.headroom, 'op-headroom'],
    ['Hub fee', { text: `${s.fee_bps} bps` }],
    ['Needs collection now', { text: s.needs_collection ? 'yes' : 'no' }],
  ]);
  rows($('op-causes').tBodies[0], t.rejections_by_cause, (tr, c) => {
    cell(tr, c.cause);
    cell(tr, String(c.count), { cls: 'num' });
  }, 'no rejections');
  rows($('op-leases').tBodies[0], o.leases, (tr, l) => {
    cell(tr, l.name);
    cell(tr, l.holder ? `${l.holder}${l.this_instance ? ' (this instance)' : ''}` : 'nobody');
    cell(tr, when(l.expires_at));
  }, 'no lease');
  $('op-queue').textContent = `${o.settlement.queued_promises} consumer promises wait for settlement, ${myst(o.settlement.queued_amount)} in all.`;
  $('op-queue').dataset.wei = o.settlement.queued_amount;
  rows($('op-attempts').tBodies[0], o.settlement.recent, (tr, a) => {
    cell(tr, short(a.consumer), { title: a.consumer });
    cell(tr, null, { cls: 'num', wei: a.amount });
    cell(tr, a.status + (a.error ? `: ${a.error}` : ''), { cls: 'wrap' });
    cell(tr, short(a.tx_hash), { title: a.tx_hash || '' });
    cell(tr, when(a.finished_at || a.created_at));
  }, 'no settlements yet');
  const j = o.relay.jobs;
  $('op-relay').textContent = `${j.queued} queued, ${j.sent} sent, ${j.done} done, ${j.error} failed.`;
  rows($('op-relay-jobs').tBodies[0], o.relay.recent, (tr, r) => {
    cell(tr, r.kind);
    cell(tr, short(r.identity), { title: r.identity });
    cell(tr, r.state + (r.error ? `: ${r.error}` : ''), { cls: 'wrap' });
    cell(tr, short(r.tx_hash), { title: r.tx_hash || '' });
    cell(tr, when(r.updated_at));
  }, 'no relay transactions yet');
  await loadChannels();
}

async function loadChannels() {
  const params = new URLSearchParams({ q: table.q, page: table.page, size: table.size });
  const r = await api(`/operator/${table.kind}?${params}`);
  table.total = r.total;
  const providers = table.kind === 'providers';
  const head = $('channels').tHead;
  head.replaceChildren();
  const htr = head.insertRow();
  for (const h of ['identity', ...(providers ? ['channel', 'stake'] : ['balance']), 'promised', 'settled', 'unsettled']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    if (!['identity', 'channel'].includes(h)) th.className = 'num';
    htr.append(th);
  }
  rows($('channels').tBodies[0], r.items, (tr, c) => {
    tr.dataset.identity = c.identity;
    cell(tr, c.identity, { cls: 'mono' });
    if (providers) {
      cell(tr, c.kind);
      cell(tr, null, { cls: 'num', wei: c.stake });
    } else {
      cell(tr, null, { cls: 'num', wei: c.balance });
    }
    cell(tr, null, { cls: 'num promised', wei: c.promised });
    cell(tr, null, { cls: 'num settled', wei: c.settled });
    cell(tr, null, { cls: 'num unsettled', wei: c.unsettled });
  }, 'nothing matches');
  const pages = Math.max(1, Math.ceil(r.total / table.size));
  $('page-info').textContent = `page ${table.page + 1} of ${pages}, ${r.total} in all`;
  $('prev').disabled = table.page === 0;
  $('next').disabled = table.page + 1 >= pages;
}

// ---- provider view ----

async function loadProvider() {
  const p = await api('/provider/overview');
  $('pv-chain').textContent = `chain ${p.chain_id}`;
  $('pv-identity').textContent = p.identity;
  $('pv-beneficiary').textContent = p.beneficiary;
  const e = p.earnings;
  amount($('pv-promised'), e.promised);
  amount($('pv-settled'), e.settled);
  amount($('pv-unsettled'), e.unsettled);
  amount($('pv-net'), e.net);
  facts($('pv-costs'), [
    ['Unsettled', e.unsettled],
    [`Hub fee (${p.hub_fee_bps} bps)`, e.hub_fee, 'pv-hub-fee'],
    ['Transactor fee (relay quote)', e.transactor_fee, 'pv-transactor-fee'],
    ['Net to the beneficiary', e.net],
    ['Stake', e.stake],
  ]);
  const w = p.withdrawal;
  facts($('pv-withdrawal'), [
    ['Withdrawals promised', w.promised, 'pv-withdrawn'],
    ['Withdrawals settled on chain', w.settled],
    ['Not yet on chain', w.unsettled, 'pv-withdrawal-pending'],
  ]);
  lineChart($('chart-earnings'), p.chart.map((c) => ({ x: new Date(c.at), y: Number(BigInt(c.promised) / 10n ** 12n) / 1e6 })), {
    label: 'Promised earnings in MYST',
    format: (v) => v.toFixed(2),
  });
  rows($('pv-settlements').tBodies[0], p.settlements, (tr, s) => {
    tr.dataset.tx = s.tx_hash;
    cell(tr, s.channel);
    cell(tr, null, { cls: 'num', wei: s.amount });
    cell(tr, null, { cls: 'num', wei: s.fees });
    cell(tr, short(s.beneficiary), { cls: 'mono', title: s.beneficiary });
    cell(tr, s.tx_hash, { cls: 'mono hash' });
    cell(tr, String(s.block), { cls: 'num' });
    cell(tr, when(s.settled_at));
    cell(tr, s.via_relay ? 'this hub\'s relay' : 'someone else');
  }, 'nothing settled on chain yet');
  rows($('pv-history').tBodies[0], p.transactions, (tr, t) => {
    tr.dataset.job = t.id;
    cell(tr, t.kind);
    cell(tr, t.state, { cls: 'state' });
    cell(tr, null, { cls: 'num', wei: t.fee });
    cell(tr, t.tx_hash || '–', { cls: 'mono', title: t.tx_hash || '' });
    cell(tr, when(t.updated_at));
    cell(tr, t.error || '', { cls: 'wrap' });
    const td = cell(tr, '');
    if (t.state === 'error' || (t.state === 'queued' && t.attempts > 0)) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'retry';
      b.textContent = 'Retry';
      b.setAttribute('aria-label', `Retry the ${t.kind} job ${t.id}`);
      b.addEventListener('click', () => retry(t.id, b));
      td.append(b);
    }
  }, 'no transactions through this hub yet');
  $('pv-latest-settlement').textContent = e.latest_settlement
    ? `The chain last settled this earnings channel at ${when(e.latest_settlement)}.`
    : 'The chain has not settled this earnings channel yet.';
}

async function retry(id, button) {
  button.disabled = true;
  try {
    await api(`/relay/${encodeURIComponent(id)}/retry`, { method: 'POST' });
    status(`Job ${id} is queued again.`);
    await loadProvider();
  } catch (e) {
    button.disabled = false;
    status(`Could not retry: ${e.message}`);
  }
}

// ---- routing ----

async function route() {
  clearInterval(refreshTimer);
  if (!session) {
    show('login');
    return;
  }
  const view = session.role === 'operator' ? 'operator' : 'provider';
  show(view);
  const load = view === 'operator' ? loadOperator : loadProvider;
  const run = async () => {
    try {
      await load();
      status('');
      document.body.dataset.loaded = view;
    } catch (e) {
      if (e.status === 401) {
        logout();
        $('login-error').textContent = `Please log in again: ${e.message}`;
      } else {
        status(`Could not load: ${e.message}`);
      }
    }
  };
  await run();
  refreshTimer = setInterval(run, 5000);
}

$('key-login').addEventListener('submit', keyLogin);
$('token-login').addEventListener('submit', tokenLogin);
$('logout').addEventListener('click', logout);
$('private-key').addEventListener('change', () => {
  try {
    if (!$('identity').value) $('identity').value = addressOf($('private-key').value);
  } catch {
    // the form reports a bad key on submit
  }
});
$('channel-search').addEventListener('submit', (e) => {
  e.preventDefault();
  table.kind = $('channel-kind').value;
  table.q = $('channel-q').value.trim().toLowerCase();
  table.page = 0;
  loadChannels().catch((err) => status(`Could not load: ${err.message}`));
});
$('prev').addEventListener('click', () => { table.page--; loadChannels(); });
$('next').addEventListener('click', () => { table.page++; loadChannels(); });
route();
