import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Cross-origin isolation (COOP/COEP) gives the page SharedArrayBuffer and lets the
// tfjs WASM backend use threads where it helps.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
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
