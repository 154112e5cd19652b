import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is served by `kefu serve` from web/dist, on the API's origin.
// `npm run dev` proxies the API to a local server for front-end work.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', assetsDir: 'assets', sourcemap: false, chunkSizeWarningLimit: 900 },
  server: {
    proxy: {
      '/api': { target: process.env.KEFU_API ?? 'http://127.0.0.1:8080', changeOrigin: false },
      '/healthz': process.env.KEFU_API ?? 'http://127.0.0.1:8080',
    },
  },
});
