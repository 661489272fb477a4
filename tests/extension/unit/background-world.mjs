// What the background scripts run against in node: a real HTTP server on a loopback port
// standing in for the helper (answers queued by the test, every request kept), and the
// browser's extension APIs they use — storage in memory (values copied, as the browser
// serialises them), alarms, messaging, and a native host that answers `hello` with the
// server's address and the current token.
import { createServer } from 'node:http';
import { LISTS, load } from './load.mjs';

/** The helper's stand-in: `answer(status, body)` queues answers (default 201 {}). */
export async function startHelper() {
  const requests = [];
  const answers = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      requests.push({ method: request.method, path: request.url, authorization: request.headers.authorization, json: body ? JSON.parse(body) : null });
      const [status, json] = answers.shift() ?? [201, {}];
      response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    answer: (status, json = {}) => answers.push([status, json]),
    close: () => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); }),
  };
}

function memoryArea() {
  const items = new Map();
  const keysOf = (keys) => (keys === null || keys === undefined ? [...items.keys()] : Array.isArray(keys) ? keys : [keys]);
  return {
    items,
    async get(keys) {
      return Object.fromEntries(keysOf(keys).filter((key) => items.has(key)).map((key) => [key, structuredClone(items.get(key))]));
    },
    async set(values) {
      for (const [key, value] of Object.entries(values)) items.set(key, structuredClone(value));
    },
    async remove(keys) {
      for (const key of keysOf(keys)) items.delete(key);
    },
    async clear() {
      items.clear();
    },
  };
}

/** The extension APIs; `host.url`/`host.token` are what the native host answers with. */
export function fakeChrome(host) {
  const alarms = new Map();
  const alarmListeners = [];
  const messageListeners = [];
  return {
    alarms: {
      items: alarms,
      async create(name, info) { alarms.set(name, info); },
      async clear(name) { return alarms.delete(name); },
      onAlarm: { addListener: (listener) => alarmListeners.push(listener) },
      fire: (name) => alarmListeners.forEach((listener) => listener({ name })),
    },
    storage: { local: memoryArea(), session: memoryArea() },
    runtime: {
      id: 'ohckmjhofnjppajckmajddmpnomnahdp',
      getURL: (path) => `chrome-extension://ohckmjhofnjppajckmajddmpnomnahdp${path}`,
      async sendNativeMessage(name, message) {
        host.asked = (host.asked ?? 0) + 1;
        if (!host.url) throw new Error('Specified native messaging host not found.');
        return { ok: true, helper: { url: host.url, version: '1.0' }, token: host.token, version: '1.0' };
      },
      onMessage: { addListener: (listener) => messageListeners.push(listener) },
      /** A message as the browser delivers it to the background; resolves with the answer. */
      send: (message, sender) => new Promise((resolve) => {
        const async = messageListeners.map((listener) => listener(message, { id: 'ohckmjhofnjppajckmajddmpnomnahdp', ...sender }, resolve));
        if (!async.some(Boolean)) setImmediate(() => resolve(undefined));
      }),
    },
  };
}

/** The background's files up to and including `upTo`, in the manifest's order, against `chrome`. */
export function loadBackground(chrome, upTo) {
  const files = LISTS.background;
  return load(files.slice(0, files.indexOf(upTo) + 1), { chrome }).ns;
}
