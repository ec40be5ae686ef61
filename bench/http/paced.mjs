// An open-loop client: requests leave at evenly spaced times (rate per second), over a pool of keep-alive
// connections. autocannon's fixed-rate mode sends each second's quota as a burst and then waits, so at "80 %" it
// would measure saturated bursts; here a request that finds every connection busy waits in the pool, and its latency
// is counted from the moment it was due (no coordinated omission).
import http from 'node:http';

export function paced({ port, request, rate, seconds, connections, windowSeconds = seconds, onWindow }) {
  if (!(rate > 0) || !(seconds > 0)) throw new Error(`paced: rate ${rate}/s for ${seconds} s`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const intervalMs = 1000 / rate;
  const total = Math.round(rate * seconds);
  const windowCount = Math.ceil(seconds / windowSeconds);
  const windows = Array.from({ length: windowCount }, (_, index) => ({ index, latencies: [], errors: 0, done: 0, due: 0 }));
  const start = performance.now();
  let sent = 0;
  let inFlight = 0;
  let reported = 0;

  function record(w, dueAt, ok) {
    inFlight--;
    w.done++;
    if (ok) w.latencies.push(performance.now() - dueAt);
    else w.errors++;
  }

  function fire(dueAt) {
    const w = windows[Math.min(windowCount - 1, Math.floor((dueAt - start) / (windowSeconds * 1000)))];
    w.due++;
    inFlight++;
    const req = http.request({ host: '127.0.0.1', port, agent, method: request.method, path: request.path,
      headers: request.body ? { ...request.headers, 'content-length': request.body.length } : request.headers });
    req.on('response', (res) => {
      res.on('data', () => {});
      res.on('end', () => record(w, dueAt, res.statusCode >= 200 && res.statusCode < 300));
    });
    req.on('error', () => record(w, dueAt, false));
    req.end(request.body);
  }

  return new Promise((resolve) => {
    // A 1 ms tick sends whatever has fallen due since the last one (Node timers have millisecond resolution).
    const timer = setInterval(() => {
      const now = performance.now();
      while (sent < total && start + sent * intervalMs <= now) fire(start + sent++ * intervalMs);
      // A window is reported once all requests due in it have come back.
      while (reported < windowCount && windows[reported].done === windows[reported].due
        && (reported === windowCount - 1 ? sent >= total : now >= start + (reported + 1) * windowSeconds * 1000)) {
        onWindow?.(windows[reported]);
        reported++;
      }
      // Bounded in time whatever the server does: requests still out 30 s after the last was due count as errors.
      const overdue = now > start + seconds * 1000 + 30_000;
      if (overdue) {
        for (const w of windows.slice(reported)) { w.errors += w.due - w.done; w.done = w.due; onWindow?.(w); }
        reported = windowCount;
        inFlight = 0;
      }
      if (sent >= total && inFlight === 0 && reported === windowCount) {
        clearInterval(timer);
        agent.destroy();
        resolve({ windows, sent, seconds: (performance.now() - start) / 1000 });
      }
    }, 1);
  });
}
