import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development Vite serves the dashboard and forwards API calls to `ccm serve` (CCM_API).
const api = process.env.CCM_API ?? 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/v1': api, '/health': api } },
});
