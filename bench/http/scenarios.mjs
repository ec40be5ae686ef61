// The five requests of the run, read from the repository so they follow the shipped examples and test cases.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './server.mjs';

const example = JSON.parse(readFileSync(path.join(repoRoot, 'docs/examples/sel-97-bevilget.json'), 'utf8'));
const plain = { ...example, begrundelse: false };
const withBegrundelse = { ...example, begrundelse: true };
const sel161 = JSON.parse(readFileSync(path.join(repoRoot, 'rules/sel-161/tests/cases.json'), 'utf8')).cases.find((c) => c.id === 'H4');
const amount = { ruleset: 'sel-161', decisionDate: sel161.decisionDate, facts: sel161.facts };

const expectGranted = (body) => body.status === 'determined' && body.outcome === 'bevilget' && body.begrundelse == null;

/** Each: name, what it is, method, path, body, and a check of one answer (run once before timing). */
export const scenarios = [
  {
    key: 'a', name: 'GET /health/live', method: 'GET', path: '/health/live',
    check: (body) => body.status === 'healthy',
  },
  {
    key: 'b', name: 'sel-97, no begrundelse', method: 'POST', path: '/api/v1/evaluations', body: plain,
    check: expectGranted,
  },
  {
    key: 'c', name: 'sel-97, begrundelse', method: 'POST', path: '/api/v1/evaluations', body: withBegrundelse,
    check: (body) => body.outcome === 'bevilget' && typeof body.begrundelse === 'string' && body.begrundelse.length > 500,
  },
  {
    key: 'd', name: 'batch of 100 × (b)', method: 'POST', path: '/api/v1/evaluations/batch',
    body: { evaluations: Array.from({ length: 100 }, () => plain) }, evaluationsPerRequest: 100,
    check: (body) => body.results.length === 100 && body.results.every((r) => r.statusCode === 200 && expectGranted(r.result)),
  },
  {
    key: 'e', name: 'sel-161 amount (H4)', method: 'POST', path: '/api/v1/evaluations', body: amount,
    check: (body) => body.status === 'determined' && body.outputs.timebetaling === sel161.expect.outputs.timebetaling
      && body.outputs.betalingIAlt === sel161.expect.outputs.betalingIAlt,
  },
];

export function requestOptions(scenario, apiKey) {
  const headers = { 'x-api-key': apiKey };
  let body;
  if (scenario.body !== undefined) {
    body = Buffer.from(JSON.stringify(scenario.body));
    headers['content-type'] = 'application/json';
  }
  return { method: scenario.method, path: scenario.path, headers, body };
}
