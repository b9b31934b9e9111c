// The Corral operator console. It reads the platform with the operator's token and stays
// current through the receptor's and the route emitter's event streams; docs/console.md
// describes what it shows and where each part comes from. No framework and no build step:
// the page is built with DOM calls (never from HTML strings), so no value can become markup.
'use strict';

const TOKEN_KEY = 'corral.console.token';
const SCOPE = { receptor: 'receptor.read', placement: 'placement.admin', routes: 'routes.read', ssh: 'ssh.admin' };
// Cell heartbeats are not events: the cells are read again this often, and when an event
// names a cell the console does not know.
const CELLS_EVERY_MS = 30000;
// The SSH access audit has no event stream.
const SSH_EVERY_MS = 30000;
// Constraints, violations and rollouts are read again after instance events, at most this often.
const PLACEMENT_AT_MOST_EVERY_MS = 5000;
const MAX_ROWS = 200;
const MAX_RUNNING_ROLLOUTS = 20;
const RECEPTOR = new URL('..', window.location.href).href.replace(/\/$/, '');

let session = null;
// A sign-in still reading the list of services is dropped once a later one, or a sign-out, began.
let signIns = 0;

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = document.getElementById('token');
    signIn(input.value.trim().replace(/^bearer\s+/i, ''));
    input.value = '';
  });
  document.getElementById('forget').addEventListener('click', () => signOut(''));
  document.getElementById('explain-close').addEventListener('click', () => document.getElementById('explain').close());
  for (const button of document.querySelectorAll('[data-refresh]')) {
    button.addEventListener('click', () => {
      if (session && button.dataset.refresh === 'placement') session.readPlacement();
      if (session && button.dataset.refresh === 'ssh') session.readSsh();
    });
  }
  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved) {
    signIn(saved);
  } else {
    showSignIn('');
  }
});

// ---------------------------------------------------------------- signing in and out

async function signIn(token) {
  const attempt = ++signIns;
  let claims;
  try {
    claims = claimsOf(token);
  } catch (e) {
    signOut(e.message);
    return;
  }
  if (claims.exp && claims.exp * 1000 <= Date.now()) {
    signOut('This token expired at ' + new Date(claims.exp * 1000).toLocaleString() + '.');
    return;
  }
  let services;
  try {
    const response = await fetch('services.json', { cache: 'no-store' });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    services = await response.json();
  } catch (e) {
    if (attempt === signIns) showSignIn('Could not read the console\'s list of services (' + e.message + ').');
    return;
  }
  if (attempt !== signIns) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  if (session) session.close();
  session = new Session(token, claims, services);
  showConsole(claims);
  session.start();
}

function signOut(message) {
  signIns += 1;
  if (session) session.close();
  session = null;
  sessionStorage.removeItem(TOKEN_KEY);
  showSignIn(message);
}

function showSignIn(message) {
  document.getElementById('console').hidden = true;
  document.getElementById('who').hidden = true;
  document.getElementById('forget').hidden = true;
  document.getElementById('sign-in').hidden = false;
  document.getElementById('token-error').textContent = message;
  document.getElementById('token').focus();
}

function showConsole(claims) {
  const who = document.getElementById('who');
  const name = claims.user_name || claims.client_id || claims.sub || 'unknown';
  const expires = claims.exp ? ', expires ' + new Date(claims.exp * 1000).toLocaleString() : '';
  who.textContent = 'Token of ' + name + expires + '. Scopes: ' + ([...claims.scopes].sort().join(' ') || 'none') + '.';
  who.hidden = false;
  document.getElementById('forget').hidden = false;
  document.getElementById('sign-in').hidden = true;
  document.getElementById('console').hidden = false;
  document.getElementById('title').focus();
}

/** The token's claims, read only to show its scopes and expiry: the services check it. */
function claimsOf(token) {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('That is not a JWT: a JWT is three parts separated by dots.');
  let claims;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    claims = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new Error('That is not a JWT: its claims are not base64url JSON.');
  }
  const scope = claims.scope ?? claims.scp ?? [];
  claims.scopes = new Set(Array.isArray(scope) ? scope : String(scope).split(' ').filter(Boolean));
  return claims;
}

// ---------------------------------------------------------------- the signed-in console

class HttpError extends Error {
  constructor(status, name, message) {
    super(message);
    this.status = status;
    this.name = name || 'HTTP ' + status;
  }
}

/** Thrown from an event handler to read everything again (events were lost). */
class Resync extends Error {}

class Session {
  constructor(token, claims, services) {
    this.token = token;
    this.claims = claims;
    this.services = services;
    this.abort = new AbortController();
    this.timers = [];
    this.desired = new Map();
    this.actual = new Map();
    this.tasks = new Map();
    this.cells = new Map();
    this.routes = new Map();
    this.receptorRead = false;
    this.routesOpen = false;
    this.placement = null;
    this.ssh = null;
    this.renderPending = false;
    this.cellsReading = false;
    // Cells an event named before the console knew them: read once each, then left to the
    // periodic read, so events about a cell that is gone do not read the cells again and again.
    this.cellsAskedFor = new Set();
    this.placementReading = false;
    this.placementLastRead = 0;
    this.placementTimer = null;
  }

  start() {
    for (const section of ['cells', 'instances', 'unplaced', 'constraints', 'rollouts', 'routes', 'ssh']) {
      clear(section + '-body');
      status(section, '');
    }
    if (this.allowed('receptor', ['cells', 'instances', 'unplaced'])) {
      this.follow(['cells', 'instances', 'unplaced'], RECEPTOR + '/v1/events', async (resumed) => {
        if (!resumed) await this.readReceptor();
      }, (name, data) => this.onReceptorEvent(name, data));
      this.every(CELLS_EVERY_MS, () => this.readCells());
    }
    if (this.configured('placement', ['constraints', 'rollouts']) && this.allowed('placement', ['constraints', 'rollouts'])) {
      this.readPlacement();
    }
    if (this.configured('route_emitter', ['routes']) && this.allowed('routes', ['routes'])) {
      this.follow(['routes'], this.services.route_emitter + '/v1/routes/events?sharding_mode=all', async () => {
        this.routesOpen = true;
      }, (name, data) => this.onRouteEvent(name, data));
    }
    if (this.configured('ssh_auth', ['ssh']) && this.allowed('ssh', ['ssh'])) {
      this.readSsh();
      this.every(SSH_EVERY_MS, () => this.readSsh());
    }
    for (const button of document.querySelectorAll('[data-refresh]')) {
      const service = button.dataset.refresh === 'placement' ? 'placement' : 'ssh_auth';
      const scope = button.dataset.refresh === 'placement' ? 'placement' : 'ssh';
      button.hidden = !(this.services[service] && this.claims.scopes.has(SCOPE[scope]));
    }
    const left = this.claims.exp ? this.claims.exp * 1000 - Date.now() : Infinity;
    // setTimeout fires at once for delays beyond 2^31 - 1 ms (24.8 days).
    if (left < 2 ** 31 - 1) {
      this.timers.push(setTimeout(() => signOut('The token expired: sign in with a fresh one.'), Math.max(0, left)));
    }
  }

  close() {
    this.abort.abort();
    this.timers.forEach((timer) => {
      clearTimeout(timer);
      clearInterval(timer);
    });
    clearTimeout(this.placementTimer);
    const dialog = document.getElementById('explain');
    if (dialog.open) dialog.close();
  }

  get closed() {
    return this.abort.signal.aborted;
  }

  allowed(scope, sections) {
    if (this.claims.scopes.has(SCOPE[scope])) return true;
    sections.forEach((section) => status(section, 'Needs a token with the scope ' + SCOPE[scope] + '; this one lacks it.'));
    return false;
  }

  configured(service, sections) {
    if (this.services[service]) return true;
    sections.forEach((section) => status(section, 'Not configured: the receptor names no URL for this service (corral.console.*).'));
    return false;
  }

  every(milliseconds, task) {
    this.timers.push(setInterval(task, milliseconds));
  }

  // ------------------------------------------------------------ HTTP

  async get(url) {
    const response = await fetch(url, {
      headers: { Authorization: 'Bearer ' + this.token, Accept: 'application/json' },
      cache: 'no-store',
      signal: this.abort.signal,
    });
    if (!response.ok) throw await errorOf(response);
    return response.json();
  }

  /**
   * Follows a Server-Sent Events stream with the token in the Authorization header
   * (EventSource cannot send one): onOpen(resumed) runs once the stream is open, before its
   * first event is read, so whatever happens while it reads the state arrives as events
   * after it. Reconnects with back-off, resuming after the last event handled
   * (Last-Event-ID), so nothing needs reading again; a Resync starts afresh. A refused token
   * ends the session, a missing scope the sections.
   */
  async follow(sections, url, onOpen, onEvent) {
    let failures = 0;
    const position = { lastEventId: null };
    while (!this.closed) {
      try {
        await this.readStream(url, position, async (resumed) => {
          await onOpen(resumed);
          failures = 0;
          sections.forEach((section) => status(section, ''));
          this.scheduleRender();
        }, onEvent);
      } catch (e) {
        if (this.closed) return;
        if (e instanceof Resync) {
          position.lastEventId = null;
        } else {
          if (this.refused(e, sections)) return;
          failures += 1;
          sections.forEach((section) => status(section, 'Connection lost (' + e.message + '); reconnecting.', true));
        }
      }
      await this.sleep(failures === 0 ? 500 : Math.min(30000, 500 * 2 ** Math.min(failures, 6)));
    }
  }

  async readStream(url, position, onOpen, onEvent) {
    const headers = { Authorization: 'Bearer ' + this.token, Accept: 'text/event-stream' };
    const resumed = position.lastEventId !== null;
    if (resumed) headers['Last-Event-ID'] = position.lastEventId;
    const response = await fetch(url, { headers, cache: 'no-store', signal: this.abort.signal });
    if (!response.ok) throw await errorOf(response);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let name = 'message';
    let data = [];
    let id = null;
    try {
      await onOpen(resumed);
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, end).replace(/\r$/, '');
          buffer = buffer.slice(end + 1);
          if (line === '') {
            if (data.length > 0) onEvent(name, JSON.parse(data.join('\n')));
            // Only once handled: an event whose handler failed comes again after the reconnect.
            if (id !== null) position.lastEventId = id;
            name = 'message';
            data = [];
            id = null;
          } else if (!line.startsWith(':')) {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') name = text;
            if (field === 'data') data.push(text);
            if (field === 'id') id = text;
          }
        }
      }
    } finally {
      // A failed read of the state, or an event handler that gave up on the stream (Resync, a
      // bad event), closes the connection.
      reader.cancel().catch(() => {});
    }
  }

  /** Whether the error ends the work of these sections: a refused token or a missing scope. */
  refused(error, sections) {
    if (error.status === 401) {
      signOut('The services refused the token: ' + error.message + '.');
      return true;
    }
    if (error.status === 403) {
      sections.forEach((section) => status(section, 'Refused: ' + error.message + '.', true));
      return true;
    }
    return false;
  }

  sleep(milliseconds) {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, milliseconds);
      this.abort.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  }

  // ------------------------------------------------------------ the receptor

  async readReceptor() {
    const [desired, actual, tasks, cells] = await Promise.all([
      this.get(RECEPTOR + '/v1/desired_lrps'), this.get(RECEPTOR + '/v1/actual_lrps'),
      this.get(RECEPTOR + '/v1/tasks'), this.get(RECEPTOR + '/v1/cells')]);
    this.desired = new Map(desired.map((lrp) => [lrp.process_guid, lrp]));
    this.actual = new Map(actual.map((lrp) => [lrp.instance_guid, lrp]));
    this.tasks = new Map(tasks.map((task) => [task.task_guid, task]));
    this.cells = new Map(cells.map((cell) => [cell.cell_id, cell]));
    this.receptorRead = true;
  }

  async readCells() {
    if (this.cellsReading || this.closed) return;
    this.cellsReading = true;
    try {
      const cells = await this.get(RECEPTOR + '/v1/cells');
      this.cells = new Map(cells.map((cell) => [cell.cell_id, cell]));
      status('cells', '');
      this.scheduleRender();
    } catch (e) {
      if (!this.closed && !this.refused(e, ['cells'])) status('cells', 'Could not read the cells: ' + e.message + '.', true);
    } finally {
      this.cellsReading = false;
    }
  }

  onReceptorEvent(name, payload) {
    if (name === 'events_lost') throw new Resync();
    const kind = ['desired_lrp', 'actual_lrp', 'task'].find((prefix) => name.startsWith(prefix + '_'));
    if (!kind) return;
    const records = { desired_lrp: this.desired, actual_lrp: this.actual, task: this.tasks }[kind];
    const key = { desired_lrp: 'process_guid', actual_lrp: 'instance_guid', task: 'task_guid' }[kind];
    const before = payload[kind + '_before'];
    const after = payload[kind + '_after'];
    if (before) records.delete(before[key]);
    if (name.endsWith('_removed')) {
      records.delete(payload[kind][key]);
    } else {
      const record = after ?? payload[kind];
      records.set(record[key], record);
      if (record.cell_id && !this.cells.has(record.cell_id) && !this.cellsAskedFor.has(record.cell_id)) {
        this.cellsAskedFor.add(record.cell_id);
        this.readCells();
      }
    }
    if (kind === 'actual_lrp') this.schedulePlacementRead();
    this.scheduleRender();
  }

  // ------------------------------------------------------------ placement, routes, SSH

  schedulePlacementRead() {
    if (!this.placement || this.placementTimer) return;
    const wait = Math.max(1000, this.placementLastRead + PLACEMENT_AT_MOST_EVERY_MS - Date.now());
    this.placementTimer = setTimeout(() => {
      this.placementTimer = null;
      this.readPlacement();
    }, wait);
  }

  async readPlacement() {
    if (this.placementReading || this.closed || !this.services.placement) return;
    this.placementReading = true;
    this.placementLastRead = Date.now();
    const base = this.services.placement;
    try {
      const [constraints, violations, recent] = await Promise.all([this.get(base + '/v1/placement_constraints'),
        this.get(base + '/v1/placement_constraints/violations'), this.get(base + '/v1/rollouts')]);
      // The list has no progress; a running rollout's own answer has.
      const rollouts = await Promise.all(recent.filter((rollout) => rollout.state === 'RUNNING').slice(0, MAX_RUNNING_ROLLOUTS)
        .map((rollout) => this.get(base + '/v1/rollouts/' + rollout.id)));
      this.placement = { constraints, violations, rollouts, at: new Date() };
      status('constraints', '');
      status('rollouts', '');
      this.scheduleRender();
    } catch (e) {
      if (!this.closed && !this.refused(e, ['constraints', 'rollouts'])) {
        ['constraints', 'rollouts'].forEach((section) => status(section, 'Placement did not answer: ' + e.message + '.', true));
      }
    } finally {
      this.placementReading = false;
    }
  }

  onRouteEvent(name, payload) {
    const routes = payload.routes || [];
    if (name === 'snapshot') this.routes.clear();
    for (const route of routes) {
      const key = route.uris[0] + ' ' + route.host + ':' + route.port;
      if (name === 'unregister') {
        this.routes.delete(key);
      } else {
        this.routes.set(key, route);
      }
    }
    this.scheduleRender();
  }

  async readSsh() {
    if (this.closed || !this.services.ssh_auth) return;
    try {
      this.ssh = await this.get(this.services.ssh_auth + '/v1/ssh/access/audit?limit=50');
      status('ssh', '');
      this.scheduleRender();
    } catch (e) {
      if (!this.closed && !this.refused(e, ['ssh'])) status('ssh', 'ssh-auth-service did not answer: ' + e.message + '.', true);
    }
  }

  async explain(processGuid, index) {
    const dialog = document.getElementById('explain');
    document.getElementById('explain-title').textContent = 'Where placement would put ' + processGuid + ' index ' + index;
    const body = clear('explain-body');
    body.append(el('p', { role: 'status' }, 'Asking placement…'));
    if (!dialog.open) dialog.showModal();
    try {
      const explanation = await this.get(this.services.placement + '/v1/placement/explain?process_guid='
        + encodeURIComponent(processGuid) + '&index=' + index);
      clear('explain-body').append(...explanationView(explanation));
    } catch (e) {
      if (this.closed) return;
      if (e.status === 401) {
        signOut('The services refused the token: ' + e.message + '.');
        return;
      }
      clear('explain-body').append(el('p', { class: 'error' }, 'Placement did not explain it: ' + e.message + '.'));
    }
  }

  // ------------------------------------------------------------ rendering

  scheduleRender() {
    if (this.renderPending) return;
    this.renderPending = true;
    setTimeout(() => {
      this.renderPending = false;
      if (!this.closed) this.render();
    }, 100);
  }

  render() {
    if (this.receptorRead) {
      replace('cells-body', cellsView(this));
      replace('instances-body', instancesView(this));
      replace('unplaced-body', unplacedView(this));
    }
    if (this.placement) {
      replace('constraints-body', constraintsView(this));
      replace('rollouts-body', rolloutsView(this.placement.rollouts));
    }
    if (this.routesOpen) replace('routes-body', routesView(this.routes));
    if (this.ssh) replace('ssh-body', sshView(this.ssh.entries));
    const summary = summaryOf(this);
    const line = document.getElementById('summary');
    if (line.textContent !== summary) line.textContent = summary;
  }
}

async function errorOf(response) {
  let body = {};
  try {
    body = await response.json();
  } catch (e) {
    // Not the API's error shape: the status says enough.
  }
  return new HttpError(response.status, body.name, body.message || 'HTTP ' + response.status);
}

// ---------------------------------------------------------------- views

function cellsView(session) {
  if (session.cells.size === 0) return [el('p', {}, 'No cell is present (none has sent a heartbeat within its TTL).')];
  const use = usageByCell(session);
  const zones = groupBy([...session.cells.values()], (cell) => cell.zone);
  return [...zones.keys()].sort().map((zone) => {
    const cells = zones.get(zone).sort((a, b) => a.cell_id.localeCompare(b.cell_id));
    const rows = cells.map((cell) => {
      const used = use.get(cell.cell_id) || { memory: 0, disk: 0, containers: 0 };
      const capacity = cell.capacity || {};
      return el('tr', { 'data-cell-id': cell.cell_id, 'data-evacuating': cell.evacuating === true },
        el('th', { scope: 'row' }, cell.cell_id, cell.evacuating ? ' (evacuating: takes no new work)' : null),
        el('td', {}, bar(used.memory, capacity.memory_mb, 'MB')),
        el('td', {}, bar(used.disk, capacity.disk_mb, 'MB')),
        el('td', {}, bar(used.containers, capacity.containers, '')),
        el('td', {}, tags(cell)));
    });
    return el('table', { class: 'cells', 'data-zone': zone },
      el('caption', {}, 'Zone ' + zone + ': ' + count(cells.length, 'cell')),
      el('thead', {}, el('tr', {}, ['Cell', 'Memory', 'Disk', 'Containers', 'Tags'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows));
  });
}

/** What placement counts against a cell: its instances that are not CRASHED and its unfinished tasks. */
function usageByCell(session) {
  const use = new Map();
  const add = (cellId, memory, disk) => {
    const used = use.get(cellId) || { memory: 0, disk: 0, containers: 0 };
    used.memory += memory || 0;
    used.disk += disk || 0;
    used.containers += 1;
    use.set(cellId, used);
  };
  for (const lrp of session.actual.values()) {
    const desired = session.desired.get(lrp.process_guid);
    if (lrp.cell_id && lrp.state !== 'CRASHED' && desired) add(lrp.cell_id, desired.memory_mb, desired.disk_mb);
  }
  for (const task of session.tasks.values()) {
    if (task.cell_id && ['PENDING', 'CLAIMED', 'RUNNING'].includes(task.state)) add(task.cell_id, task.memory_mb, task.disk_mb);
  }
  return use;
}

function bar(used, capacity, unit) {
  const max = capacity || 0;
  const percent = max > 0 ? Math.round((used / max) * 100) : 0;
  const text = number(used) + ' of ' + number(max) + (unit ? ' ' + unit : '') + ' (' + percent + '%)';
  return el('span', { class: 'bar' },
    el('meter', { min: 0, max: Math.max(max, 1), low: 0.7 * max, high: 0.9 * max, optimum: 0, value: Math.min(used, Math.max(max, 1)), 'aria-hidden': 'true' }),
    el('span', {}, text));
}

function tags(cell) {
  const required = (cell.placement_tags || []).map((tag) => tag + ' (required)');
  const optional = cell.optional_placement_tags || [];
  return [...required, ...optional].join(', ') || '—';
}

const STATES = ['RUNNING', 'CLAIMED', 'UNCLAIMED', 'CRASHED'];

function instancesView(session) {
  const byProcess = new Map();
  for (const lrp of session.desired.values()) byProcess.set(lrp.process_guid, []);
  for (const lrp of session.actual.values()) {
    if (!byProcess.has(lrp.process_guid)) byProcess.set(lrp.process_guid, []);
    byProcess.get(lrp.process_guid).push(lrp);
  }
  if (byProcess.size === 0) return [el('p', {}, 'No LRP is desired.')];
  const rows = [...byProcess.entries()].map(([processGuid, instances]) => {
    const states = Object.fromEntries(STATES.map((state) => [state, 0]));
    instances.forEach((lrp) => { states[lrp.state] = (states[lrp.state] || 0) + 1; });
    const crashes = instances.reduce((sum, lrp) => sum + (lrp.crash_count || 0), 0);
    return { processGuid, desired: session.desired.get(processGuid), states, crashes,
      evacuating: instances.filter((lrp) => lrp.evacuating).length,
      suspect: instances.filter((lrp) => lrp.presence === 'SUSPECT').length };
  });
  rows.sort((a, b) => b.states.CRASHED - a.states.CRASHED || b.crashes - a.crashes
    || b.states.UNCLAIMED - a.states.UNCLAIMED || a.processGuid.localeCompare(b.processGuid));
  const shown = rows.slice(0, MAX_ROWS);
  return [
    el('table', { class: 'instances' },
      el('caption', {}, 'Instances per process, crashed and waiting ones first'),
      el('thead', {}, el('tr', {}, ['Process', 'Space', 'Desired', ...STATES.map(title), 'Evacuating', 'Suspect', 'Crashes']
        .map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, shown.map((row) => el('tr', { 'data-process-guid': row.processGuid },
        el('th', { scope: 'row' }, row.processGuid),
        el('td', {}, row.desired?.space_guid || '—'),
        el('td', { class: 'number' }, row.desired ? number(row.desired.instances) : 'not desired'),
        STATES.map((state) => el('td', { class: 'number', 'data-state': state }, number(row.states[state]))),
        el('td', { class: 'number' }, number(row.evacuating)),
        el('td', { class: 'number' }, number(row.suspect)),
        el('td', { class: 'number' }, number(row.crashes)))))),
    rows.length > shown.length ? el('p', { class: 'note' }, (rows.length - shown.length) + ' more processes not shown.') : null,
  ];
}

function unplacedView(session) {
  const work = [];
  for (const lrp of session.actual.values()) {
    if (lrp.state === 'UNCLAIMED' && !lrp.cell_id && !lrp.evacuating) {
      work.push({ reason: lrp.placement_error, processGuid: lrp.process_guid, index: lrp.index,
        space: session.desired.get(lrp.process_guid)?.space_guid });
    }
  }
  for (const task of session.tasks.values()) {
    if (task.state === 'PENDING' && !task.cell_id) work.push({ reason: task.placement_error, taskGuid: task.task_guid, space: task.space_guid });
  }
  if (work.length === 0) return [el('p', {}, 'Every instance and task has a cell.')];
  const canExplain = session.services.placement && session.claims.scopes.has(SCOPE.placement);
  const byReason = groupBy(work, (item) => item.reason || 'waiting for the next auction');
  return [...byReason.keys()].sort().map((reason) => {
    const items = byReason.get(reason).sort((a, b) => (a.processGuid || a.taskGuid).localeCompare(b.processGuid || b.taskGuid) || (a.index || 0) - (b.index || 0));
    return el('table', { class: 'unplaced', 'data-reason': reason },
      el('caption', {}, reason + ': ' + count(items.length, 'item')),
      el('thead', {}, el('tr', {}, ['Work', 'Space', canExplain ? 'Explain' : null].filter(Boolean).map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, items.slice(0, MAX_ROWS).map((item) => el('tr', {},
        el('th', { scope: 'row' }, item.taskGuid ? 'task ' + item.taskGuid : item.processGuid + ' index ' + item.index),
        el('td', {}, item.space || '—'),
        canExplain ? el('td', {}, item.taskGuid ? '—' : button('Explain ' + item.processGuid + ' index ' + item.index, 'Explain',
          () => session.explain(item.processGuid, item.index))) : null))));
  });
}

function explanationView(explanation) {
  const rules = explanation.rules || {};
  const preferred = Object.entries(rules.preferred_tags || {}).map(([tag, weight]) => tag + ' (' + weight + ')');
  return [
    el('p', {}, explanation.chosen_cell_id ? 'The auction would choose cell ' + explanation.chosen_cell_id + '.'
      : 'No cell fits: ' + explanation.placement_error + '.'),
    el('dl', {},
      el('dt', {}, 'Required tags'), el('dd', {}, list(rules.required_tags)),
      el('dt', {}, 'Forbidden tags'), el('dd', {}, list(rules.forbidden_tags)),
      el('dt', {}, 'Preferred tags'), el('dd', {}, list(preferred)),
      el('dt', {}, 'At most per cell'), el('dd', {}, rules.max_instances_per_cell ?? 'no cap')),
    el('table', { class: 'explain' },
      el('caption', {}, 'Every cell, those that could take it first, in the auction\'s order'),
      el('thead', {}, el('tr', {}, ['Cell', 'Zone', 'Verdict'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, (explanation.cells || []).map((cell) => el('tr', {},
        el('th', { scope: 'row' }, cell.cell_id),
        el('td', {}, cell.zone),
        el('td', {}, cell.rejections && cell.rejections.length > 0 ? 'cannot: ' + cell.rejections.join('; ')
          : 'can: ' + cell.score.zone_instances + ' in zone, ' + cell.score.cell_instances + ' on cell, preference '
            + cell.score.preference + ', use ' + Math.round(cell.score.resource_use * 100) + '%'))))),
  ];
}

function constraintsView(session) {
  const { constraints, violations, at } = session.placement;
  const spaceOf = (violation) => session.desired.get(violation.process_guid)?.space_guid || '(no space)';
  const violationsBySpace = groupBy(violations, spaceOf);
  const rows = [];
  for (const entry of constraints) {
    const scopes = entry.default ? ['(default)', ...entry.space_guids] : entry.space_guids;
    for (const space of scopes) rows.push({ space, entry });
  }
  rows.sort((a, b) => a.space.localeCompare(b.space) || a.entry.lifecycle.localeCompare(b.entry.lifecycle));
  const table = rows.length === 0 ? el('p', {}, 'No placement constraint is set: every space places by its work\'s own tags.')
    : el('table', { class: 'constraints' },
      el('caption', {}, 'Constraints per space, read ' + at.toLocaleTimeString()),
      el('thead', {}, el('tr', {}, ['Space', 'Lifecycle', 'Required tags', 'Forbidden tags', 'Preferred tags', 'At most per cell', 'Violations']
        .map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map(({ space, entry }) => el('tr', {},
        el('th', { scope: 'row' }, space),
        el('td', {}, entry.lifecycle),
        el('td', {}, list(entry.tags)),
        el('td', {}, list(entry.forbidden_tags)),
        el('td', {}, list(Object.entries(entry.preferred_tags || {}).map(([tag, weight]) => tag + ' (' + weight + ')'))),
        el('td', {}, entry.max_instances_per_cell ?? 'no cap'),
        el('td', { class: 'number' }, entry.lifecycle === 'running' && space !== '(default)'
          ? number((violationsBySpace.get(space) || []).length) : '—')))));
  const found = violations.length === 0 ? el('p', {}, 'No placed instance breaks its placement rules.')
    : el('table', { class: 'violations' },
      el('caption', {}, count(violations.length, 'placed instance') + ' breaking its rules'),
      el('thead', {}, el('tr', {}, ['Instance', 'Space', 'Cell', 'Reasons'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, violations.slice(0, MAX_ROWS).map((violation) => el('tr', {},
        el('th', { scope: 'row' }, violation.process_guid + ' index ' + violation.index),
        el('td', {}, spaceOf(violation)),
        el('td', {}, violation.cell_id),
        el('td', {}, violation.reasons.join('; '))))));
  return [table, found];
}

function rolloutsView(running) {
  if (running.length === 0) return [el('p', {}, 'No rollout in progress.')];
  return [el('table', { class: 'rollouts' },
    el('caption', {}, count(running.length, 'rollout') + ' in progress'),
    el('thead', {}, el('tr', {}, ['Rollout', 'Space', 'Lifecycle', 'Instances done', 'Being replaced', 'Started by', 'Started']
      .map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, running.map((rollout) => {
      const counts = rollout.instance_counts || {};
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
      const done = (counts.REPLACED || 0) + (counts.GONE || 0) + (counts.SKIPPED || 0);
      const replacing = (rollout.instances || []).filter((instance) => instance.state === 'REPLACING')
        .map((instance) => instance.process_guid + ' index ' + instance.index + (instance.detail ? ': ' + instance.detail : ''));
      return el('tr', {},
        el('th', { scope: 'row' }, '#' + rollout.id),
        el('td', {}, rollout.space_guid || '(default)'),
        el('td', {}, rollout.lifecycle),
        el('td', {}, bar(done, total, '')),
        el('td', {}, list(replacing)),
        el('td', {}, rollout.created_by),
        el('td', {}, new Date(rollout.created_at).toLocaleString()));
    })))];
}

function routesView(routes) {
  if (routes.size === 0) return [el('p', {}, 'No route: no RUNNING instance has cf-router routes.')];
  const byTag = groupBy([...routes.values()], (route) => route.isolation_segment || '');
  return [...byTag.keys()].sort().map((tag) => {
    const entries = byTag.get(tag).sort((a, b) => a.uris[0].localeCompare(b.uris[0]) || a.host.localeCompare(b.host) || a.port - b.port);
    return el('table', { class: 'routes', 'data-router-tag': tag },
      el('caption', {}, (tag ? 'Router tag ' + tag : 'Untagged (shared routers)') + ': ' + count(entries.length, 'route')),
      el('thead', {}, el('tr', {}, ['Hostname', 'Endpoint', 'Process', 'Index', 'Zone', 'Protocol'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, entries.slice(0, MAX_ROWS).map((route) => el('tr', {},
        el('th', { scope: 'row' }, route.uris[0]),
        el('td', {}, route.host + ':' + route.port),
        el('td', {}, route.tags?.process_id || '—'),
        el('td', { class: 'number' }, route.private_instance_index),
        el('td', {}, route.availability_zone || '—'),
        el('td', {}, route.protocol)))));
  });
}

function sshView(entries) {
  if (entries.length === 0) return [el('p', {}, 'No SSH login has been decided yet.')];
  return [el('table', { class: 'ssh' },
    el('caption', {}, count(entries.length, 'decision') + ', newest first'),
    el('thead', {}, el('tr', {}, ['Time', 'SSH user', 'User', 'Client', 'Instance', 'Outcome'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, entries.map((entry) => el('tr', { 'data-outcome': entry.outcome },
      el('th', { scope: 'row' }, new Date(entry.at).toLocaleString()),
      el('td', {}, entry.username),
      el('td', {}, entry.user_name || entry.user_id || '—'),
      el('td', {}, entry.client_address),
      el('td', {}, entry.process_guid ? entry.process_guid + ' index ' + entry.index : '—'),
      el('td', {}, entry.outcome)))))];
}

function summaryOf(session) {
  const parts = [];
  if (session.receptorRead) {
    const zones = new Set([...session.cells.values()].map((cell) => cell.zone));
    parts.push(count(session.cells.size, 'cell') + ' in ' + count(zones.size, 'zone'));
    const states = STATES.map((state) => [state, [...session.actual.values()].filter((lrp) => lrp.state === state).length]);
    const unplaced = [...session.actual.values()].filter((lrp) => lrp.state === 'UNCLAIMED' && !lrp.cell_id).length;
    parts.push(count(session.actual.size, 'instance') + ' (' + states.map(([state, n]) => n + ' ' + state.toLowerCase()).join(', ')
      + '; ' + unplaced + ' without a cell)');
  }
  if (session.routesOpen) parts.push(count(session.routes.size, 'route'));
  return parts.join(' · ');
}

// ---------------------------------------------------------------- DOM helpers

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function button(label, text, onClick) {
  const node = el('button', { type: 'button', 'aria-label': label }, text);
  node.addEventListener('click', onClick);
  return node;
}

function clear(id) {
  const node = document.getElementById(id);
  node.replaceChildren();
  return node;
}

function replace(id, children) {
  document.getElementById(id).replaceChildren(...children.filter(Boolean));
}

function status(section, message, isError) {
  const node = document.getElementById(section + '-status');
  node.textContent = message;
  node.classList.toggle('error', Boolean(isError));
}

function groupBy(items, keyOf) {
  const groups = new Map();
  for (const item of items) {
    const key = keyOf(item);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item);
  }
  return groups;
}

function list(values) {
  return values && values.length > 0 ? values.join(', ') : '—';
}

function number(value) {
  return Number(value || 0).toLocaleString('en');
}

function count(n, noun) {
  return number(n) + ' ' + noun + (n === 1 ? '' : 's');
}

function title(state) {
  return state.charAt(0) + state.slice(1).toLowerCase();
}
