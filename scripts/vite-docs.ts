/**
 * Renders docs/*.md into the site as docs/<name>.html, so every panel's "Definition" link
 * works offline and from any subpath. Headings get GitHub-style ids (`## Customer retention
 * rate (CRR)` → #customer-retention-rate-crr).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Marked } from 'marked';
import type { Plugin } from 'vite';

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

export function renderDoc(markdown: string, title: string): string {
  const marked = new Marked({
    renderer: {
      heading({ tokens, depth }) {
        const text = this.parser.parseInline(tokens);
        return `<h${depth} id="${slug(text)}">${text}</h${depth}>\n`;
      },
    },
  });
  const body = marked.parse(markdown, { async: false });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Kohort</title>
<style>
body{font-family:system-ui,sans-serif;line-height:1.55;max-width:860px;margin:2rem auto;padding:0 1.25rem;color:#1d2733;background:#fff}
@media (prefers-color-scheme:dark){body{color:#e6ebf0;background:#11171d}a{color:#66a2d6}code,pre{background:#1f2a35!important}}
code,pre{background:#f0f3f7;border-radius:4px;font-size:.88em}pre{padding:.75rem;overflow:auto}code{padding:.1em .3em}
table{border-collapse:collapse}th,td{border:1px solid #b7c2cf;padding:.25rem .5rem;text-align:left}
h2{margin-top:2.2rem;border-bottom:1px solid #dde3ea}
</style></head><body>
<p><a href="../index.html">← Kohort</a></p>
${body}
</body></html>
`;
}

export function docsPlugin(dir = 'docs'): Plugin {
  const pages = () =>
    readdirSync(resolve(dir))
      .filter((f) => f.endsWith('.md'))
      .map((f) => {
        const md = readFileSync(resolve(dir, f), 'utf8');
        const title = /^#\s+(.+)$/m.exec(md)?.[1] ?? basename(f, '.md');
        return { name: `docs/${basename(f, '.md')}.html`, html: renderDoc(md, title) };
      });
  return {
    name: 'kohort-docs',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const page = pages().find((p) => req.url?.split('?')[0]?.endsWith('/' + p.name));
        if (!page) return next();
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(page.html);
      });
    },
    generateBundle() {
      for (const p of pages()) this.emitFile({ type: 'asset', fileName: p.name, source: p.html });
    },
  };
}
