import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The server embeds web/dist and serves index.html for every non-/api path, so assets
// live under /assets/ with content hashes (cached for ever) and index.html stays small.
// CSP is default-src 'self': no inline scripts or styles, so the module-preload polyfill
// (which would add code for old browsers) is off and CSS is always a separate file.
function devProxy() {
  const target = process.env.TSUNAGU_URL ?? 'http://127.0.0.1:8080';
  return { '/api': target, '/print': target };
}

export default defineConfig({
  plugins: [preact({ prerender: { enabled: false } })],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
    target: 'es2020',
    sourcemap: false,
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
        // The shell and what screens share (components, lib, api calls, Preact) are one entry
        // chunk; each screen is then one more request, not a dozen tiny ones (lib/lazy.tsx).
        manualChunks: (id) =>
          /\/src\/(main|app|session)\.tsx?$|\/src\/(components|lib|api|i18n)\/|\/node_modules\/preact\//.test(id) && !/\/i18n\/en\.ts$/.test(id)
            ? 'index'
            : undefined,
      },
    },
  },
  // `npm run dev` against a server started with `tsunagu serve --listen 127.0.0.1:8080`
  // (or TSUNAGU_URL); the production build never contains this address.
  server: { proxy: devProxy() },
  preview: { proxy: devProxy() },
});
