// Starts `stationfinder serve --port 0` (the binary in SF_BIN) and resolves to its base URL.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function startServer(extraArgs = [], env = {}) {
  const bin = process.env.SF_BIN;
  if (!bin) throw new Error('SF_BIN must name the stationfinder binary');
  const child = spawn(bin, ['serve', '--port', '0', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'],
      env: { STATIONFINDER_STATE_DIR: mkdtempSync(join(tmpdir(), 'sf-state-')), ...process.env, ...env } });
  let out = '', err = '';
  child.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start: ' + err)), 30000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[0], stop: () => new Promise((done) => { child.on('exit', done); child.kill('SIGTERM'); }) });
      }
    });
    child.on('exit', (code) => reject(new Error('server exited ' + code + ': ' + err)));
  });
}
