import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` serves the UI on :5173 and forwards the API (HTTP and WebSocket) to a running
// `faultline serve`; FAULTLINE_URL points it elsewhere.
const api = process.env['FAULTLINE_URL'] ?? 'http://127.0.0.1:4400';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': { target: api, ws: true, changeOrigin: true } },
  },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1500 },
});
