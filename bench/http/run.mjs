// HTTP load harness: one command builds the server in Release, starts it on a free loopback port with a fresh
// database, measures the cold start, loads (a)-(e) with the same concurrency, then soaks at 80 % of (b).
// Usage: node bench/http/run.mjs [--connections 16] [--seconds 10] [--warmup 3] [--soak 60] [--ports 20300-20399]
//                                [--metrics] [--server-env NAME=VALUE ...] [--no-build] [--cold-only N]
//                                [--ready-to-run]
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { build, cpuMs, freePort, freshDatabase, loadAverage, repoRoot, rssMiB, start } from './server.mjs';
import { requestOptions, scenarios } from './scenarios.mjs';
import { paced } from './paced.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const connections = Number(option('connections', 16));
const seconds = Number(option('seconds', 10));
const warmup = Number(option('warmup', 3));
const soakSeconds = Number(option('soak', 60));
const [portFrom, portTo] = option('ports', '20300-20399').split('-').map(Number);
const metrics = args.includes('--metrics');
// Extra environment for the server process, for experiments such as --server-env DOTNET_gcServer=0.
const serverEnv = Object.fromEntries(args.flatMap((a, i) => (a === '--server-env' ? [args[i + 1].split('=')] : [])));

// A figure with nothing to divide by (no answer within a short run on a very busy machine) prints as "–".
const fmt = (x, digits = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');
const ms = (x) => fmt(x, 2);

function percentile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function sortedCopy(values) {
  return Float64Array.from(values).sort();
}

function git(...a) {
  return spawnSync('git', ['-C', repoRoot, ...a], { encoding: 'utf8' }).stdout.trim();
}

async function once(port, request) {
  const res = await fetch(`http://127.0.0.1:${port}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** Closed loop: autocannon keeps `connections` requests in flight; latencies from its per-response events (float ms). */
function saturate(port, request, duration, onResponse) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url: `http://127.0.0.1:${port}`, connections, pipelining: 1, duration,
      requests: [{ method: request.method, path: request.path, headers: request.headers, body: request.body }],
    }, (err, result) => (err ? reject(err) : resolve(result)));
    if (onResponse) instance.on('response', onResponse);
  });
}

console.log(`# Serviceloven HTTP load run`);
console.log(`commit ${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? ' (with local changes)' : ''}, ` +
  `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores (${os.cpus()[0].model.trim()}), ` +
  `node ${process.version}, dotnet ${spawnSync('dotnet', ['--version'], { encoding: 'utf8' }).stdout.trim()}, autocannon 9.0.0`);
console.log(`load average at start: ${loadAverage()}`);

const readyToRun = args.includes('--ready-to-run');
if (!args.includes('--no-build') || readyToRun) console.log(`build (Release${readyToRun ? ', ReadyToRun publish' : ''}): ${fmt(build({ readyToRun }) / 1000, 1)} s`);
const port = await freePort(portFrom, portTo);

/**
 * Cold start: from spawning the process on a database with no rules until the first evaluation is answered 200.
 * The server's own log says how long the import of rules/ and the compilation of the snapshot took.
 */
async function coldStart(db, server) {
  const probe = requestOptions(scenarios[1], db.key);
  for (;;) {
    if (server.hasExited()) throw new Error('server exited:\n' + server.log());
    try {
      const r = await once(port, probe);
      if (r.status === 200) break;
      throw new Error(`first evaluation answered ${r.status}: ${JSON.stringify(r.body)}`);
    } catch (e) {
      if (!(e instanceof TypeError)) throw e; // fetch's TypeError: not listening yet
    }
    if (performance.now() - server.startedAt > 60_000) throw new Error('no answer within 60 s:\n' + server.log());
    await new Promise((r) => setTimeout(r, 5));
  }
  const total = performance.now() - server.startedAt;
  const log = server.log();
  const imported = /importerede (\d+) regelsæt, (\d+) versioner og (\d+) satser .* på (\d+) ms/.exec(log);
  const compiled = /Regler indlæst[^:]*: (\d+) regelsæt, (\d+) versioner, (\d+) satser på (\d+) ms/.exec(log);
  return `${fmt(total)} ms` + (imported && compiled
    ? ` (import of rules/ into the empty database ${imported[4]} ms: ${imported[1]} rulesets, ${imported[2]} versions, ${imported[3]} satser; ` +
      `loading and compiling the snapshot ${compiled[4]} ms; the rest, ${fmt(total - imported[4] - compiled[4])} ms, is process start, host, migrations, admin set-up and the first request)`
    : '');
}

const coldOnly = Number(option('cold-only', 0));
if (coldOnly > 0) {
  // Only cold starts, each on its own fresh database.
  for (let i = 1; i <= coldOnly; i++) {
    const db = freshDatabase();
    const server = start({ ...db, port, metrics, env: serverEnv });
    try {
      console.log(`cold start ${i}: ${await coldStart(db, server)}; load average ${loadAverage()}`);
    } finally {
      await server.stop();
      db.cleanup();
    }
  }
  process.exit(0);
}

const db = freshDatabase();
const server = start({ ...db, port, metrics, env: serverEnv });
let exitCode = 0;
try {
  console.log(`cold start (fresh database: migrate, import rules/, compile all, to the first evaluation answered 200): ${await coldStart(db, server)}`);
  console.log(`server pid ${server.pid} on 127.0.0.1:${port}, Production, X-Api-Key, metrics ${metrics ? 'on' : 'off'}${Object.keys(serverEnv).length ? ', ' + Object.entries(serverEnv).map(([k, v]) => `${k}=${v}`).join(' ') : ''}; RSS after first answer ${fmt(rssMiB(server.pid), 1)} MiB`);

  for (const s of scenarios) {
    const r = await once(port, requestOptions(s, db.key));
    if (r.status !== 200 || !s.check(r.body)) throw new Error(`(${s.key}) ${s.name}: unexpected answer ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
  }
  console.log(`each request checked once (status 200, outcome/amount/begrundelse/100 batch items as expected)`);
  console.log();
  console.log(`## Saturated: ${connections} connections, ${warmup} s warm-up then ${seconds} s timed, per scenario`);
  console.log();
  console.log('| | request | req/s | evaluations/s | p50 ms | p99 ms | errors | server CPU µs/req | client CPU µs/req | RSS start MiB | RSS end MiB |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const results = {};
  for (const s of scenarios) {
    const request = requestOptions(s, db.key);
    await saturate(port, request, warmup);
    const rssStart = rssMiB(server.pid);
    const cpuStart = cpuMs(server.pid);
    const clientStart = process.cpuUsage();
    const latencies = [];
    const result = await saturate(port, request, seconds, (_client, _status, _bytes, time) => latencies.push(time));
    const cpu = cpuMs(server.pid) - cpuStart;
    const client = process.cpuUsage(clientStart);
    const rssEnd = rssMiB(server.pid);
    const sorted = sortedCopy(latencies);
    const rps = latencies.length / result.duration;
    const errors = result.errors + result.timeouts + result.non2xx;
    results[s.key] = { rps, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
    console.log(`| (${s.key}) | ${s.name} | ${fmt(rps)} | ${s.key === 'a' ? '' : fmt(rps * (s.evaluationsPerRequest ?? 1))} | ` +
      `${ms(percentile(sorted, 0.5))} | ${ms(percentile(sorted, 0.99))} | ${errors} | ${fmt(cpu * 1000 / latencies.length)} | ${fmt((client.user + client.system) / latencies.length)} | ` +
      `${fmt(rssStart, 1)} | ${fmt(rssEnd, 1)} |`);
  }
  console.log();
  console.log(`throughput ratios: b/a ${fmt(results.b.rps / results.a.rps, 2)}, c/a ${fmt(results.c.rps / results.a.rps, 2)}, ` +
    `e/a ${fmt(results.e.rps / results.a.rps, 2)}; batch evaluations/s vs (b) ${fmt(results.d.rps * 100 / results.b.rps, 2)}`);
  console.log(`load average after the saturated runs: ${loadAverage()}`);

  const b = scenarios[1];
  const half = Math.round(results.b.rps / 2);
  const halfClient = process.cpuUsage();
  const halfRun = await paced({ port, request: requestOptions(b, db.key), rate: half, seconds, connections });
  const halfSorted = sortedCopy(halfRun.windows.flatMap((w) => w.latencies));
  console.log();
  console.log(`## (b) at half load: ${fmt(half)} req/s paced for ${seconds} s, ${connections} connections`);
  console.log(`p50 ${ms(percentile(halfSorted, 0.5))} ms, p99 ${ms(percentile(halfSorted, 0.99))} ms, max ${ms(halfSorted.at(-1))} ms, ` +
    `errors ${halfRun.windows.reduce((n, w) => n + w.errors, 0)}, client CPU ${fmt(((c) => c.user + c.system)(process.cpuUsage(halfClient)) / halfRun.sent)} µs/req`);

  const rate = Math.round(results.b.rps * 0.8);
  console.log();
  console.log(`## Soak: (b) at 80 % of its saturated throughput, ${fmt(rate)} req/s paced for ${soakSeconds} s, ${connections} connections`);
  console.log();
  console.log('| t | requests | p50 ms | p99 ms | max ms | errors | server CPU µs/req | client CPU µs/req | server RSS MiB | load average |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  const soakRssStart = rssMiB(server.pid);
  console.log(`| 0 s | | | | | | | | ${fmt(soakRssStart, 1)} | ${loadAverage()} |`);
  let windowServerCpu = cpuMs(server.pid);
  let windowClientCpu = process.cpuUsage();
  const soak = await paced({
    port, request: requestOptions(b, db.key), rate, seconds: soakSeconds, connections, windowSeconds: 10,
    onWindow: (w) => {
      const sorted = sortedCopy(w.latencies);
      const serverCpu = cpuMs(server.pid);
      const clientCpu = process.cpuUsage(windowClientCpu);
      console.log(`| ${(w.index + 1) * 10} s | ${fmt(w.done)} | ${ms(percentile(sorted, 0.5))} | ${ms(percentile(sorted, 0.99))} | ` +
        `${ms(sorted.at(-1))} | ${w.errors} | ${fmt((serverCpu - windowServerCpu) * 1000 / w.done)} | ${fmt((clientCpu.user + clientCpu.system) / w.done)} | ` +
        `${fmt(rssMiB(server.pid), 1)} | ${loadAverage()} |`);
      windowServerCpu = serverCpu;
      windowClientCpu = process.cpuUsage();
    },
  });
  const all = sortedCopy(soak.windows.flatMap((w) => w.latencies));
  const soakErrors = soak.windows.reduce((n, w) => n + w.errors, 0);
  console.log();
  console.log(`soak: ${fmt(soak.sent)} requests in ${fmt(soak.seconds, 1)} s (${fmt(soak.sent / soak.seconds)} req/s), p50 ${ms(percentile(all, 0.5))} ms, ` +
    `p99 ${ms(percentile(all, 0.99))} ms, errors ${soakErrors}, RSS ${fmt(soakRssStart, 1)} → ${fmt(rssMiB(server.pid), 1)} MiB`);
  console.log(`load average at the end: ${loadAverage()}`);
  if (metrics) {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    console.log();
    console.log('metrics scrape (evaluation counters):');
    for (const line of text.split('\n').filter((l) => l.startsWith('serviceloven_evaluations_total{'))) console.log('  ' + line);
  }
} catch (e) {
  console.error(e.message);
  exitCode = 1;
} finally {
  await server.stop();
  db.cleanup();
}
process.exit(exitCode);
