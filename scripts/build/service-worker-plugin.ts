/**
 * Builds the studio's service worker (src/serving/service-worker.ts) into `sw.js` at the
 * root of a production build, with the list of every file the build emitted written in,
 * and a version hashed from their contents, so a new build replaces the old cache.
 * It runs after the build is written, so the list holds the worker chunks, the WASM
 * binaries and the public files too. Builds without the studio page (the bench page,
 * the command-line bundles) get no service worker.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type Plugin, type ResolvedConfig } from 'vite';
import {
  APP_SHELL,
  SERVICE_WORKER_FILE,
  precacheList,
  type PrecacheManifest,
} from '../../src/serving/offline-plan.ts';

const ENTRY = path.resolve(import.meta.dirname, '../../src/serving/service-worker.ts');

/** The files of the build in `outDir` the service worker stores, and their content hash. */
export async function precacheManifest(outDir: string): Promise<PrecacheManifest> {
  const emitted = await readdir(outDir, { recursive: true, withFileTypes: true });
  const files = precacheList(
    emitted
      .filter((e) => e.isFile())
      .map((e) => path.relative(outDir, path.join(e.parentPath, e.name))),
  );
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(await readFile(path.join(outDir, file)));
  }
  return { version: hash.digest('hex').slice(0, 16), files };
}

export function serviceWorkerPlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'segstudio-service-worker',
    apply: (_, env) => env.command === 'build' && !env.isSsrBuild,
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      const outDir = path.resolve(config.root, config.build.outDir);
      if (!existsSync(path.join(outDir, APP_SHELL))) return;
      const manifest = await precacheManifest(outDir);
      await build({
        configFile: false,
        root: config.root,
        logLevel: 'warn',
        publicDir: false,
        define: { __SEGSTUDIO_PRECACHE__: JSON.stringify(manifest) },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          target: config.build.target,
          minify: false,
          lib: {
            entry: ENTRY,
            formats: ['iife'],
            name: 'segstudioServiceWorker',
            fileName: () => SERVICE_WORKER_FILE,
          },
        },
      });
      config.logger.info(
        `service worker: ${SERVICE_WORKER_FILE} precaches ${manifest.files.length} files (version ${manifest.version})`,
      );
    },
  };
}
