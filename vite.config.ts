import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import {
  DEV_HEADERS,
  DEV_POLICY,
  PRODUCTION_HEADERS,
  serializePolicy,
} from './src/serving/headers.ts';
import { serviceWorkerPlugin } from './scripts/build/service-worker-plugin.ts';
import { wasmThreadsPlugin } from './scripts/build/wasm-threads-plugin.ts';

// The pages carry the production Content-Security-Policy in a <meta> tag; the dev server
// needs a looser one (see DEV_POLICY), and a page obeys both its header and its <meta>.
const devPolicyMeta: Plugin = {
  name: 'segstudio-dev-policy-meta',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace(
      /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*"/,
      `$1${serializePolicy(DEV_POLICY)}"`,
    ),
};

export default defineConfig({
  plugins: [react(), devPolicyMeta, wasmThreadsPlugin(), serviceWorkerPlugin()],
  server: { headers: { ...DEV_HEADERS } },
  preview: { headers: { ...PRODUCTION_HEADERS } },
  // The engine's worker starts the WASM backend's threads from the scripts this plugin emits.
  worker: { format: 'es', plugins: () => [wasmThreadsPlugin()] },
  // The worker imports tfjs; pre-bundling it up front stops the dev server from
  // reloading the page when it discovers the dependency mid-session.
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-backend-webgpu',
      '@tensorflow/tfjs-backend-wasm',
      '@niivue/niivue',
      'fflate',
      'uplot',
    ],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
