import { defineConfig } from 'vite';

// Static files served by the API at / (services/api/src/routes/web.ts). No inline script or
// style in the output: the page's CSP allows 'self' only.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
    reportCompressedSize: true,
  },
});
