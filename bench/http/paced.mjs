// An open-loop client: requests fall due at evenly spaced times (rate per second) and go out over a fixed set of
// keep-alive connections. autocannon's fixed-rate mode sends each second's quota as a burst and then waits, so at
// "80 %" it would measure saturated bursts; here a request that finds every connection busy waits in a queue, and
// its latency counts from the moment it was due (no coordinated omission). Raw sockets with one prebuilt request
// and autocannon's HTTP parser keep the client's own CPU per request small: it shares the 2 cores with the server.
import net from 'node:net';
import httpParser from 'http-parser-js';

const { HTTPParser } = httpParser;

export function rawRequest(port, request) {
  const headers = { host: `127.0.0.1:${port}`, ...request.headers };
  if (request.body) headers['content-length'] = request.body.length;
  const head = `${request.method} ${request.path} HTTP/1.1\r\n` + Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
  return request.body ? Buffer.concat([Buffer.from(head), request.body]) : Buffer.from(head);
}

export function paced({ port, request, rate, seconds, connections, windowSeconds = seconds, onWindow }) {
  if (!(rate > 0) || !(seconds > 0)) throw new Error(`paced: rate ${rate}/s for ${seconds} s`);
  const bytes = rawRequest(port, request);
  const intervalMs = 1000 / rate;
  const total = Math.round(rate * seconds);
  const windowCount = Math.ceil(seconds / windowSeconds);
  const windows = Array.from({ length: windowCount }, (_, index) => ({ index, latencies: [], errors: 0, done: 0, due: 0 }));
  const queue = []; // due times of requests waiting for a free connection
  const idle = [];
  const start = performance.now();
  let sent = 0;
  let inFlight = 0;
  let reported = 0;
  let stopped = false;

  const windowOf = (dueAt) => windows[Math.min(windowCount - 1, Math.floor((dueAt - start) / (windowSeconds * 1000)))];

  function record(dueAt, ok) {
    inFlight--;
    const w = windowOf(dueAt);
    w.done++;
    if (ok) w.latencies.push(performance.now() - dueAt);
    else w.errors++;
  }

  function connect() {
    const conn = { socket: net.connect(port, '127.0.0.1'), parser: new HTTPParser(HTTPParser.RESPONSE), dueAt: null, status: 0 };
    conn.socket.setNoDelay(true);
    conn.parser[HTTPParser.kOnHeadersComplete] = (info) => { conn.status = info.statusCode; };
    conn.parser[HTTPParser.kOnMessageComplete] = () => {
      const dueAt = conn.dueAt;
      conn.dueAt = null;
      record(dueAt, conn.status >= 200 && conn.status < 300);
      next(conn);
    };
    conn.socket.on('data', (chunk) => conn.parser.execute(chunk));
    conn.socket.on('error', () => {});
    conn.socket.on('close', () => {
      // A request cut off counts as an error; the connection is replaced while the run goes on.
      if (conn.dueAt !== null) record(conn.dueAt, false);
      const i = idle.indexOf(conn);
      if (i >= 0) idle.splice(i, 1);
      if (!stopped) next(connect());
    });
    return conn;
  }

  function send(conn, dueAt) {
    conn.dueAt = dueAt;
    conn.status = 0;
    conn.socket.write(bytes);
  }

  function next(conn) {
    if (queue.length > 0) send(conn, queue.shift());
    else idle.push(conn);
  }

  const all = Array.from({ length: connections }, connect);
  idle.push(...all);

  return new Promise((resolve) => {
    // A 1 ms tick sends whatever has fallen due since the last one (Node timers have millisecond resolution).
    const timer = setInterval(() => {
      const now = performance.now();
      while (sent < total && start + sent * intervalMs <= now) {
        const dueAt = start + sent++ * intervalMs;
        windowOf(dueAt).due++;
        inFlight++;
        const conn = idle.pop();
        if (conn) send(conn, dueAt);
        else queue.push(dueAt);
      }
      // A window is reported once its time is over and every request due in it has come back.
      while (reported < windowCount && windows[reported].done === windows[reported].due
        && (reported === windowCount - 1 ? sent >= total : now >= start + (reported + 1) * windowSeconds * 1000)) {
        onWindow?.(windows[reported]);
        reported++;
      }
      // Bounded in time whatever the server does: requests still out 30 s after the last was due count as errors.
      if (now > start + seconds * 1000 + 30_000) {
        for (const w of windows.slice(reported)) { w.errors += w.due - w.done; w.done = w.due; onWindow?.(w); }
        reported = windowCount;
        inFlight = 0;
      }
      if (sent >= total && inFlight === 0 && reported === windowCount) {
        clearInterval(timer);
        stopped = true;
        for (const c of all) c.socket.destroy();
        resolve({ windows, sent, seconds: (performance.now() - start) / 1000 });
      }
    }, 1);
  });
}
