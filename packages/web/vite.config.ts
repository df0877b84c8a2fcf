import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` serves the UI on :5173 and forwards the API (HTTP and WebSocket) to a running
// `faultline serve`; FAULTLINE_URL points it elsewhere.
const api = process.env['FAULTLINE_URL'] ?? 'http://127.0.0.1:4400';

export default defineConfig({
  plugins: [react()],
  server: {
    // The server refuses a WebSocket whose page is of another origin (it guards against other
    // sites): the proxy presents the API's own origin, as the built UI served by the server has.
    proxy: { '/api': { target: api, ws: true, changeOrigin: true, headers: { origin: api } } },
  },
  build: { outDir: 'dist', sourcemap: true },
});
