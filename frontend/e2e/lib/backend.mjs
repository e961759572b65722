// Starts the REAL Flask backend on a free port with a throw-away database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const FRONTEND_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO_ROOT = path.resolve(FRONTEND_DIR, '..');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function startBackend({ timeoutMs = 60000, env = {} } = {}) {
  if (!existsSync(path.join(FRONTEND_DIR, 'dist', 'index.html'))) {
    throw new Error('frontend/dist is missing: run `npm run build` first (npm run e2e does it).');
  }
  // $PYTHON may be relative to where the tests were started (frontend/); the backend runs from the repo root
  const envPython = process.env.PYTHON;
  const python = envPython
    ? envPython.includes('/') ? path.resolve(process.cwd(), envPython) : envPython
    : path.resolve(FRONTEND_DIR, '../.venv/bin/python');
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'worldsmith-e2e-'));
  const logs = [];
  const child = spawn(
    python,
    ['api/main.py', '--host', '127.0.0.1', '--port', String(port), '--db-path', path.join(dir, 'db.json')],
    {
      cwd: REPO_ROOT,
      // the offline writing tools stream word by word, this many seconds apart (so a test sees the text arrive)
      env: { ...process.env, JWT_SECRET_KEY: randomBytes(32).toString('hex'), OFFLINE_STREAM_DELAY: process.env.OFFLINE_STREAM_DELAY || '0.05', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.on('data', (d) => logs.push(String(d)));
  child.stderr.on('data', (d) => logs.push(String(d)));
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === null && child.pid) {
      try {
        process.kill(child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const start = Date.now();
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`Backend exited early (${JSON.stringify(exited)}):\n${logs.join('')}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() - start > timeoutMs) {
      await stop();
      throw new Error(`Backend did not become healthy in ${timeoutMs} ms:\n${logs.join('')}`);
    }
    await sleep(250);
  }
  return { url, port, pid: child.pid, logs, stop };
}

/** Tiny JSON client for setting things up through the API directly. */
export async function api(url, method, route, body, token) {
  const res = await fetch(`${url}/api${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = null;
  try {
    data = await res.json();
  } catch {
    /* no body */
  }
  return { status: res.status, data };
}
