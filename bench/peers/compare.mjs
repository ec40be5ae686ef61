// GoRules ZEN beside our engine, in-process to in-process, in one run: the § 97 eligibility table of
// bench/Engine.Bench (Sel97.cs) as a ZEN decision graph (sel-97.jdm.json), the same inputs, rounds interleaved.
// Usage: node bench/peers/compare.mjs [--rounds 20] [--n 4000] [--in-flight 64] [--no-build]
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const rounds = Number(option('rounds', 20));
const warmupRounds = 5;
const n = Number(option('n', 4000));
const inFlight = Number(option('in-flight', 64));
// ZEN's Rust core through its Node binding, loaded directly (package.json says why).
const { ZenEngine } = createRequire(import.meta.url)('@gorules/zen-engine-linux-x64-gnu');
const zenVersion = JSON.parse(readFileSync(path.join(import.meta.dirname, 'node_modules/@gorules/zen-engine-linux-x64-gnu/package.json'), 'utf8')).version;

const fmt = (x, d = 2) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

console.log('# § 97 eligibility: our engine beside GoRules ZEN, in-process');
console.log(`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores (${os.cpus()[0].model.trim()}), node ${process.version}, ` +
  `@gorules/zen-engine-linux-x64-gnu ${zenVersion}; load average at start ${loadavg()}`);

// Our side: the Engine.Bench binary in --peer mode, a child that answers one JSON line per command.
const benchProject = path.join(repoRoot, 'bench/Engine.Bench');
if (!args.includes('--no-build')) {
  const r = spawnSync('dotnet', ['build', benchProject, '-c', 'Release', '-nologo', '-v', 'q', '-clp:ErrorsOnly'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}
const child = spawn('dotnet', [path.join(benchProject, 'bin/Release/net10.0/Serviceloven.Engine.Bench.dll'), '--peer'], { stdio: ['pipe', 'pipe', 'inherit'] });
process.once('exit', () => child.kill());
const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
async function ours(command) {
  if (command) child.stdin.write(command + '\n');
  const { value, done } = await lines.next();
  if (done) throw new Error('the .NET side ended');
  return JSON.parse(value);
}
const hello = await ours();
console.log(`our engine ${hello.engine} on .NET ${hello.dotnet} (Release), RulesEngine underneath`);

const zen = new ZenEngine();
const decision = zen.createDecision(JSON.parse(readFileSync(path.join(import.meta.dirname, 'sel-97.jdm.json'), 'utf8')));
// ZEN takes the decision date as an input like any other.
const zenInput = (c) => ({ ...c.facts, decisionDate: c.decisionDate });

// 1. Same decisions: one input per row, plus the edge cases of Engine.Bench's --verify.
const cases = await ours('cases');
let same = 0;
const differ = [];
for (const c of cases) {
  const r = await decision.evaluate(zenInput(c), { trace: true });
  const zenRule = r.trace.eligibility.traceData?.rule?._id;
  if (r.result.outcome === c.outcome && r.result.hoursPerMonth === c.hours && zenRule === c.rule && c.rule === c.expected) same++;
  else differ.push(`${c.expected}: ours ${c.outcome}/${c.hours}/${c.rule}, ZEN ${r.result.outcome}/${r.result.hoursPerMonth}/${zenRule}`);
}
console.log(`\nsame decision (outcome, hours, decisive row) on ${same} of ${cases.length} inputs` + (differ.length ? ':\n  ' + differ.join('\n  ') : ''));
if (differ.length) process.exit(1);

// 2. Timing: the granted input (decided by the last row, so every row is tested), interleaved rounds.
const granted = zenInput(cases.at(-1));
function parseZenPerformance(p) {
  const m = /^([\d.]+)(ns|µs|us|ms|s)$/.exec(p);
  return m ? Number(m[1]) * { ns: 1e-3, µs: 1, us: 1, ms: 1e3, s: 1e6 }[m[2]] : NaN;
}
async function zenTime(mode, trace) {
  const options = trace ? { trace: true } : undefined;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let internal = 0;
  if (mode === 'seq') {
    for (let i = 0; i < n; i++) internal += parseZenPerformance((await decision.evaluate(granted, options)).performance);
  } else {
    await Promise.all(Array.from({ length: inFlight }, async (_, k) => {
      for (let i = k; i < n; i += inFlight) await decision.evaluate(granted, options);
    }));
  }
  const wallNs = Number(process.hrtime.bigint() - started);
  const c = process.cpuUsage(cpu);
  // ZEN's own "performance" figure (its time inside the graph) is read in the sequential runs only.
  return { wallNs, cpuNs: (c.user + c.system) * 1000, internalNs: mode === 'seq' ? internal * 1000 : undefined };
}
const variants = [
  { key: 'zen-seq', label: 'ZEN, sequential, no trace', run: () => zenTime('seq', false) },
  { key: 'zen-seq-trace', label: 'ZEN, sequential, trace: true', run: () => zenTime('seq', true) },
  { key: 'ours-seq-clr', label: 'ours, sequential (CLR facts, as Engine.Bench (a))', run: () => ours(`time seq ${n} 1 clr`) },
  { key: 'ours-seq-json', label: 'ours, sequential (JSON facts, as the server)', run: () => ours(`time seq ${n} 1 json`) },
  { key: 'zen-par', label: `ZEN, ${inFlight} in flight, no trace`, run: () => zenTime('par', false) },
  { key: 'zen-par-trace', label: `ZEN, ${inFlight} in flight, trace: true`, run: () => zenTime('par', true) },
  { key: 'ours-par-json', label: `ours, ${inFlight} in flight (JSON facts)`, run: () => ours(`time par ${n} ${inFlight} json`) },
];
const samples = Object.fromEntries(variants.map((v) => [v.key, { wall: [], cpu: [], internal: [], alloc: [] }]));
for (let round = 0; round < warmupRounds + rounds; round++) {
  for (const v of variants) {
    const t = await v.run();
    if (round < warmupRounds) continue;
    samples[v.key].wall.push(t.wallNs / n / 1000);
    samples[v.key].cpu.push(t.cpuNs / n / 1000);
    if (t.internalNs !== undefined) samples[v.key].internal.push(t.internalNs / n / 1000);
    if (t.allocatedBytes !== undefined) samples[v.key].alloc.push(t.allocatedBytes / n);
  }
}

console.log(`\n${rounds} interleaved rounds of ${n} evaluations per variant (after ${warmupRounds} warm-up rounds); medians per evaluation:\n`);
console.log('| variant | wall µs/eval | process CPU µs/eval | evaluations/s | engine-reported µs/eval | allocated B/eval |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const v of variants) {
  const s = samples[v.key];
  const wall = median(s.wall);
  console.log(`| ${v.label} | ${fmt(wall)} | ${fmt(median(s.cpu))} | ${fmt(1e6 / wall, 0)} | ` +
    `${s.internal.length ? fmt(median(s.internal)) : ''} | ${s.alloc.length ? fmt(median(s.alloc), 0) : ''} |`);
}
const m = (k, f = 'wall') => median(samples[k][f]);
console.log(`\nratios ours/ZEN (wall): sequential ${fmt(m('ours-seq-json') / m('zen-seq'))} (JSON facts) / ${fmt(m('ours-seq-clr') / m('zen-seq'))} (CLR facts) ` +
  `against ZEN without trace, ${fmt(m('ours-seq-json') / m('zen-seq-trace'))} against ZEN with trace; ${inFlight} in flight ${fmt(m('ours-par-json') / m('zen-par'))} ` +
  `(no trace) / ${fmt(m('ours-par-json') / m('zen-par-trace'))} (trace)`);
console.log(`load average at the end ${loadavg()}`);

// 3. What each does without a fact, with a fact of the wrong type, and (ZEN) with a failing expression.
const base = cases.at(-1).facts;
const without = (...names) => Object.fromEntries(Object.entries(base).filter(([k]) => !names.includes(k)));
const probes = [
  ['hasBpaOrHelpSchemeSection96 missing (R97-01 would refuse)', without('hasBpaOrHelpSchemeSection96')],
  ['cannotGetAroundAloneOutsideHome missing (R97-08a would refuse)', without('cannotGetAroundAloneOutsideHome')],
  ['birthDate missing', without('birthDate')],
  ['cannotGetAroundAloneOutsideHome = "yes" (wrong type)', { ...base, cannotGetAroundAloneOutsideHome: 'yes' }],
  ['birthDate = "1984-02-30" (no such day)', { ...base, birthDate: '1984-02-30' }],
];
console.log('\nmissing and wrong input:\n');
console.log('| input | ZEN | ours |');
console.log('|---|---|---|');
for (const [label, facts] of probes) {
  const z = await decision.safeEvaluate({ ...facts, decisionDate: cases.at(-1).decisionDate }, { trace: true });
  const zText = z.success ? `${z.data.result.outcome} (${z.data.trace.eligibility.traceData?.rule?._id})` : `error: ${String(z.error?.message ?? JSON.stringify(z.error)).slice(0, 80)}`;
  const o = await ours('eval ' + JSON.stringify(facts));
  const oText = o.errors ? `${o.status}: ${o.errors.join('; ').slice(0, 90)}` : `${o.status}${o.outcome ? ' ' + o.outcome : ''}${o.missingFacts?.length ? `, missing ${o.missingFacts.join(', ')}` : ''}`;
  console.log(`| ${label} | ${zText} | ${oText} |`);
}
await ours('quit');

// A failing expression: a cell comparing a string with a number, once in a decision table, once in an expression node.
const graph = (node) => ({ nodes: [{ id: 'in', type: 'inputNode', name: 'in' }, node, { id: 'out', type: 'outputNode', name: 'out' }],
  edges: [{ id: 'e1', sourceId: 'in', targetId: node.id }, { id: 'e2', sourceId: node.id, targetId: 'out' }] });
const table = zen.createDecision(graph({ id: 't', type: 'decisionTableNode', name: 't', content: { hitPolicy: 'first',
  inputs: [{ id: 'c', name: 'age', field: 'age' }], outputs: [{ id: 'o', name: 'outcome', field: 'outcome' }],
  rules: [{ _id: 'under-18', c: '< 18', o: '"afslag"' }, { _id: 'otherwise', c: '', o: '"bevilget"' }] } }));
const expression = zen.createDecision(graph({ id: 'x', type: 'expressionNode', name: 'x', content: { expressions: [{ id: 'e', key: 'under18', value: 'age < 18' }] } }));
console.log('\nZEN with a failing expression (`age < 18` where age is the string "abc"):');
const t = await table.safeEvaluate({ age: 'abc' }, { trace: true });
console.log(`  decision table [under-18: < 18 → afslag; otherwise → bevilget]: ${t.success ? JSON.stringify(t.data.result) + ' (the failing cell counts as no match)' : 'error ' + JSON.stringify(t.error)}`);
try {
  const x = await expression.evaluate({ age: 'abc' });
  console.log(`  expression node: ${JSON.stringify(x.result)}`);
} catch (e) {
  console.log(`  expression node: the evaluation is rejected: ${String(e.message).split('\n')[0].slice(0, 160)}`);
}
process.exit(0);
