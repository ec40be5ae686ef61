// Where the server's time goes for one request of the load run: saturates it with one scenario while
// dotnet-counters (allocations, GC) and dotnet-trace (CPU samples) watch, then prints allocations per request and
// the methods with the most samples. Needs the diagnostic tools:
//   dotnet tool install -g dotnet-trace; dotnet tool install -g dotnet-counters
// Usage: node bench/http/profile.mjs [--scenario b] [--seconds 15] [--connections 16] [--no-build] [--trace [--top 40]]
// --trace adds dotnet-trace's thread-time samples (topN). They count waiting threads too (thread-pool workers,
// Kestrel's timers), so most samples are waits; bench/Server.Bench gives the CPU split of the request itself.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, cpuMs, freePort, freshDatabase, loadAverage, start } from './server.mjs';
import { requestOptions, scenarios } from './scenarios.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const scenario = scenarios.find((s) => s.key === option('scenario', 'b'));
const seconds = Number(option('seconds', 15));
const connections = Number(option('connections', 16));
const top = Number(option('top', 40));
const tools = path.join(os.homedir(), '.dotnet/tools');
const tool = (name) => path.join(tools, name);

function saturate(port, request, duration) {
  return new Promise((resolve, reject) => autocannon({
    url: `http://127.0.0.1:${port}`, connections, duration,
    requests: [{ method: request.method, path: request.path, headers: request.headers, body: request.body }],
  }, (err, result) => (err ? reject(err) : resolve(result))));
}

function run(file, argv) {
  return new Promise((resolve) => {
    const p = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { out += d; });
    p.on('exit', (code) => resolve({ code, out }));
  });
}

if (!args.includes('--no-build')) build();
const port = await freePort(20300, 20399);
const db = freshDatabase();
const server = start({ ...db, port, metrics: false });
try {
  const request = requestOptions(scenario, db.key);
  for (let i = 0; ; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) break; } catch { /* not listening yet */ }
    if (i > 6000) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 10));
  }
  console.log(`# profile of (${scenario.key}) ${scenario.name}: ${connections} connections, ${seconds} s, load average ${loadAverage()}`);
  await saturate(port, request, 5); // warm-up: tiered JIT settles

  // Without tools attached: CPU per request.
  const cpu0 = cpuMs(server.pid);
  const plain = await saturate(port, request, seconds);
  const plainRequests = plain.requests.total;
  console.log(`untraced: ${Math.round(plainRequests / plain.duration)} req/s, server CPU ${Math.round((cpuMs(server.pid) - cpu0) * 1000 / plainRequests)} µs/request`);

  // Allocations: dotnet-counters samples the runtime's total-allocated counter (bytes per 1 s interval).
  const duration = `00:00:00:${String(seconds).padStart(2, '0')}`;
  const countersFile = path.join(db.folder, 'counters.csv');
  const counters = run(tool('dotnet-counters'), ['collect', '-p', String(server.pid), '--counters',
    'System.Runtime[dotnet.gc.heap.total_allocated,dotnet.gc.collections]', '--format', 'csv', '-o', countersFile, '--duration', duration]);
  const counted = await saturate(port, request, seconds);
  await counters;
  const rows = readFileSync(countersFile, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split(','));
  const allocated = rows.filter((r) => r[2].includes('total_allocated')).reduce((sum, r) => sum + Number(r.at(-1)), 0);
  const collections = {};
  for (const r of rows.filter((r) => r[2].includes('collections'))) collections[r[3]] = (collections[r[3]] ?? 0) + Number(r.at(-1));
  console.log(`allocated ${Math.round(allocated / counted.requests.total).toLocaleString('en-US')} B/request over ${counted.requests.total} requests; ` +
    `GCs ${JSON.stringify(collections)}`);

  if (!args.includes('--trace')) process.exitCode = 0;
  else {
  const traceFile = path.join(db.folder, 'cpu.nettrace');
  const trace = run(tool('dotnet-trace'), ['collect', '-p', String(server.pid), '--profile', 'dotnet-sampled-thread-time', '-o', traceFile, '--duration', duration]);
  const traced = await saturate(port, request, seconds);
  await trace;
  console.log(`traced run: ${Math.round(traced.requests.total / traced.duration)} req/s`);
  for (const inclusive of [false, true]) {
    const r = spawnSync(tool('dotnet-trace'), ['report', traceFile, 'topN', '-n', String(top), ...(inclusive ? ['--inclusive'] : [])], { encoding: 'utf8' });
    console.log(`\n## top ${top} methods, ${inclusive ? 'inclusive' : 'exclusive'} samples\n`);
    console.log(r.stdout || r.stderr);
  }
  }
} finally {
  await server.stop();
  db.cleanup();
}
