import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.KVALITET_API_URL ?? 'http://127.0.0.1:3000';

/**
 * The built app (apps/web/dist) is served by the api process itself (ADR 0005). `vite` (dev server,
 * port 5173) proxies the api paths to a running api so the app is same-origin in development too.
 */
export default defineConfig({
  root: here,
  plugins: [react()],
  resolve: {
    alias: { '@kvalitet/domain': fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': apiTarget,
      '/health': apiTarget,
      '/app-config.json': apiTarget,
    },
  },
});
