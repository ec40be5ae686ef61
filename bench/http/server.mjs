// Builds the server in Release, starts it on a free loopback port with a fresh database, and reads its RSS and CPU time.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, openSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
let dll = path.join(repoRoot, 'src/Server/bin/Release/net10.0/Serviceloven.Server.dll');

/**
 * dotnet build -c Release; or, with readyToRun, a ReadyToRun publish (the app and its packages precompiled, so
 * start-up JITs less) into a folder outside the tree.
 */
export function build({ readyToRun = false } = {}) {
  const started = performance.now();
  const project = path.join(repoRoot, 'src/Server/Server.csproj');
  const output = path.join(os.tmpdir(), 'sl-bench-http-r2r');
  if (readyToRun) dll = path.join(output, 'Serviceloven.Server.dll');
  const r = spawnSync('dotnet', readyToRun
    ? ['publish', project, '-c', 'Release', '-r', 'linux-x64', '--self-contained', 'false', '-p:PublishReadyToRun=true', '-o', output, '-nologo', '-v', 'q', '-clp:ErrorsOnly']
    : ['build', project, '-c', 'Release', '-nologo', '-v', 'q', '-clp:ErrorsOnly'],
  { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('dotnet build failed');
  if (!existsSync(dll)) throw new Error(`no ${dll} after the build`);
  return performance.now() - started;
}

/** The first port in [from, to] that nobody listens on (below 32768: the ephemeral range is full of TIME_WAIT). */
export async function freePort(from, to) {
  for (let port = from; port <= to; port++) {
    const free = await new Promise((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

function environment(dbPath, port, extra) {
  return {
    ...process.env,
    ASPNETCORE_ENVIRONMENT: 'Production',
    DOTNET_ENVIRONMENT: 'Production',
    ASPNETCORE_URLS: `http://127.0.0.1:${port}`,
    Store__DatabasePath: dbPath,
    Rules__Path: path.join(repoRoot, 'rules'),
    // The harness measures the server, not the per-key limiter (200/s by default), which would answer most of a
    // saturated run with 429.
    Access__RateLimit__Enabled: 'false',
    ...extra,
  };
}

/** A fresh folder and database; an API key made with the server's own CLI (migrations only, no rules yet). */
export function freshDatabase() {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'sl-bench-http-'));
  const dbPath = path.join(folder, 'bench.db');
  const r = spawnSync('dotnet', [dll, 'apikey', 'create', 'bench'], { env: environment(dbPath, 0, {}), encoding: 'utf8' });
  if (r.status !== 0) throw new Error('apikey create failed: ' + r.stderr + r.stdout);
  const key = r.stdout.trim().split('\n').at(-1).trim();
  return { folder, dbPath, key, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

export function start({ dbPath, folder, port, metrics, env = {} }) {
  const log = openSync(path.join(folder, 'server.log'), 'a');
  const startedAt = performance.now();
  const child = spawn('dotnet', [dll], {
    env: environment(dbPath, port, { ...(metrics ? { Metrics__Enabled: 'true' } : {}), ...env }),
    stdio: ['ignore', log, log],
  });
  let hasExited = false;
  // The server never outlives the harness, also when the harness is interrupted.
  const killOnExit = () => { if (!hasExited) child.kill('SIGKILL'); };
  process.once('exit', killOnExit);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => { killOnExit(); process.exit(130); });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => { hasExited = true; resolve({ code, signal }); }));
  return {
    pid: child.pid,
    startedAt,
    exited,
    hasExited: () => hasExited,
    log: () => readFileSync(path.join(folder, 'server.log'), 'utf8'),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident set size in MiB, from /proc. */
export function rssMiB(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** User + system CPU time of the process in ms (clock ticks, 10 ms resolution). */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 1000 / ticksPerSecond;
}

export function loadAverage() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
