import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

// The API server (apps/server) owns /api and /socket.io; in dev the Vite server forwards them so the
// app stays same-origin exactly as in production, where the server mounts build/handler.js itself.
const apiTarget = 'http://127.0.0.1:3000';

/**
 * SvelteKit's root component hides its route announcer with an inline `style` attribute, which our
 * `style-src 'self'` policy blocks (and reports) on every page (sveltejs/kit#11993, still open). Drop the
 * attribute at build time; `#svelte-announcer` is styled the same way in src/app.css instead.
 */
function announcerWithoutInlineStyle(): Plugin {
  return {
    name: 'hopso:announcer-without-inline-style',
    enforce: 'pre',
    transform(code, id) {
      if (!/@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]components[\\/]root\.svelte/.test(id)) return null;
      const out = code.replace(/(id="svelte-announcer"[^>]*?)\s+style="[^"]*"/, '$1');
      if (out === code) this.warn('svelte-announcer style attribute not found: check the CSP workaround');
      return { code: out, map: null };
    },
  };
}

/** Where the viewer finds pdf.js's binary data; the version in the path lets browsers cache it for good. */
const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const pdfjsVersion = (JSON.parse(readFileSync(join(pdfjsRoot, 'package.json'), 'utf8')) as { version: string }).version;
const pdfjsDataDirs = ['cmaps', 'standard_fonts', 'wasm', 'iccs'];

/**
 * pdf.js fetches CMaps, the 14 standard fonts, image-decoder WebAssembly and ICC profiles at run time. The
 * council LAN has no internet and our CSP allows only 'self', so they are served by us under
 * /pdfjs/<version>/… (src/lib/viewer/pdfjs.ts builds the same URLs): from node_modules in dev, emitted into
 * the client build otherwise (adapter-node serves build/client as static files).
 */
function pdfjsData(): Plugin {
  const prefix = `/pdfjs/${pdfjsVersion}/`;
  const files = () => pdfjsDataDirs.flatMap((dir) => readdirSync(join(pdfjsRoot, dir)).map((name) => `${dir}/${name}`));
  const types: Record<string, string> = { wasm: 'application/wasm', bcmap: 'application/octet-stream', pfb: 'application/octet-stream', ttf: 'font/ttf', icc: 'application/vnd.iccprofile' };
  return {
    name: 'hopso:pdfjs-data',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        if (!path.startsWith(prefix)) return next();
        const rel = decodeURIComponent(path.slice(prefix.length));
        if (rel.includes('..') || !pdfjsDataDirs.includes(rel.split('/')[0] ?? '')) return next();
        const file = join(pdfjsRoot, rel);
        try {
          if (!statSync(file).isFile()) return next();
        } catch {
          return next();
        }
        res.setHeader('Content-Type', types[rel.split('.').at(-1) ?? ''] ?? 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      if (this.environment.name !== 'client') return;
      // Licence files go along: they are part of what we redistribute.
      for (const rel of files()) this.emitFile({ type: 'asset', fileName: `pdfjs/${pdfjsVersion}/${rel}`, source: readFileSync(join(pdfjsRoot, rel)) });
    },
  };
}

export default defineConfig({
  plugins: [
    announcerWithoutInlineStyle(),
    pdfjsData(),
    sveltekit({
      adapter: adapter({ out: 'build' }),
      csp: {
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self'],
          'img-src': ['self', 'data:', 'blob:'],
          'font-src': ['self'],
          'connect-src': ['self'],
          'worker-src': ['self', 'blob:'],
          // The web app manifest (installable tablets); the service worker itself is covered by worker-src.
          'manifest-src': ['self'],
          'object-src': ['none'],
          'base-uri': ['self'],
          'form-action': ['self'],
          'frame-ancestors': ['none'],
        },
      },
    }),
  ],
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/socket.io': { target: apiTarget, ws: true, changeOrigin: false },
    },
  },
});
