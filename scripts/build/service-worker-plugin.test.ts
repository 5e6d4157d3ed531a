import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { precacheManifest } from './service-worker-plugin';

describe('precacheManifest', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'segstudio-sw-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html>');
    await writeFile(path.join(dir, 'assets/app-1.js'), 'app');
    await writeFile(path.join(dir, 'assets/app-1.js.map'), '{}');
    await writeFile(path.join(dir, 'sw.js'), 'old worker');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lists the build in nested folders, without the worker and source maps', async () => {
    expect((await precacheManifest(dir)).files).toEqual(['assets/app-1.js', 'index.html']);
  });

  it('gets a new version when a stored file changes, not when the worker does', async () => {
    const first = await precacheManifest(dir);
    await writeFile(path.join(dir, 'sw.js'), 'another worker');
    expect((await precacheManifest(dir)).version).toBe(first.version);
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><p>new build</p>');
    const second = await precacheManifest(dir);
    expect(second.version).not.toBe(first.version);
    expect(second.version).toMatch(/^[0-9a-f]{16}$/);
  });
});
