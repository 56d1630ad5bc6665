// Ingest throughput on one core: feed items parsed per second and pages extracted per second.
// Inputs are generated here (no network, no third-party text). Run: node bench/ingest.ts
import { availableParallelism } from 'node:os';
import { extractPage, parseFeedText } from '../packages/ingest/src/index.ts';

const runs = 7;
const itemsPerFeed = 200;
const pagesPerRun = 40;

function sentence(i: number): string {
  const companies = ['Cipher Mining', 'CleanSpark', 'Riot Platforms', 'Marathon Digital', 'Core Scientific'];
  return `${companies[i % companies.length]} said revenue rose ${(i % 37) + 3}% as hashrate reached ${(i % 50) + 10} EH/s and power costs eased. `;
}

function generatedFeed(): string {
  const items = Array.from({ length: itemsPerFeed }, (_, i) => `<item>
  <title>Story ${i}: ${sentence(i).slice(0, 60)}</title>
  <link>https://example.com/news/${i}?utm_source=rss</link>
  <guid isPermaLink="false">story-${i}</guid>
  <pubDate>Tue, 01 Jul 2025 ${String(i % 24).padStart(2, '0')}:00:00 GMT</pubDate>
  <dc:creator>Desk ${i % 7}</dc:creator><category>Mining</category><category>Markets</category>
  <description><![CDATA[<p>${sentence(i)}${sentence(i + 1)}</p>]]></description>
  <content:encoded><![CDATA[<p>${sentence(i).repeat(8)}</p><p>${sentence(i + 2).repeat(8)}</p>]]></content:encoded>
</item>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench</title><link>https://example.com/</link>${items}</channel></rss>`;
}

/** A ~70 KB news page with the usual furniture around the story. */
function generatedPage(n: number): string {
  const paragraphs = Array.from({ length: 220 }, (_, i) => `<p>${sentence(n + i)}${sentence(n + i + 1)}($CIFR)</p>`).join('');
  const furniture = Array.from({ length: 120 }, (_, i) => `<li class="menu-item"><a href="/section/${i}">Section ${i}</a></li>`).join('');
  const script = `<script>window.__STATE__=${JSON.stringify({ items: Array.from({ length: 300 }, (_, i) => ({ id: i, title: `t${i}` })) })}</script>`;
  return `<!doctype html><html><head><title>Page ${n}</title><meta property="og:title" content="Story ${n}">
<meta property="article:published_time" content="2025-07-01T10:00:00Z"><link rel="canonical" href="https://example.com/p/${n}">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Story ${n}","datePublished":"2025-07-01T10:00:00Z","author":{"name":"Desk"}}</script>${script}</head>
<body><header><nav><ul>${furniture}</ul></nav></header><div class="ad-slot">Ad</div><article><h1>Story ${n}</h1>${paragraphs}</article>
<aside><ul>${furniture}</ul></aside><footer>${furniture}</footer></body></html>`;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function benchFeeds(): Promise<number> {
  const feed = generatedFeed();
  const rates: number[] = [];
  await parseFeedText(feed); // warm up
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    let items = 0;
    for (let i = 0; i < 5; i++) items += (await parseFeedText(feed)).items.length;
    rates.push(items / ((performance.now() - started) / 1000));
  }
  return median(rates);
}

function benchPages(): { rate: number; kb: number } {
  const pages = Array.from({ length: pagesPerRun }, (_, i) => generatedPage(i));
  const rates: number[] = [];
  extractPage(pages[0]!, 'https://example.com/p/0'); // warm up
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    for (const [i, html] of pages.entries()) extractPage(html, `https://example.com/p/${i}`);
    rates.push(pages.length / ((performance.now() - started) / 1000));
  }
  return { rate: median(rates), kb: Math.round(pages[0]!.length / 1024) };
}

const feedRate = await benchFeeds();
const pages = benchPages();
console.log(`cores available: ${availableParallelism()} (figures below are for one core, median of ${runs} runs)`);
console.log(`feed items parsed:  ${Math.round(feedRate).toLocaleString('en-US')} items/s  (${itemsPerFeed}-item RSS 2.0 feed with content:encoded)`);
console.log(`pages extracted:    ${pages.rate.toFixed(1)} pages/s  (~${pages.kb} KB generated news pages, in-process, no worker hop)`);
