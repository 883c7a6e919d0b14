/** Figures 4–7 of BENCHMARKS.md: the public side (search, algorithm page, CSV download, page weight). */
import type { RunFigures } from './report.ts';
import type { PageWeightFigures, PublicFigures } from './public.ts';
import type { Latency } from './one-at-a-time.ts';
import { SINGLE_MIN_RUNS, SINGLE_SECONDS } from './algorithm-page.ts';
import { CSV_IDLE_SECONDS } from './csv-export.ts';
import { BROWSER_ACCEPT_ENCODING } from './page-sizes.ts';
import type { KindResult, LoadResult } from './load.ts';
import { ENGINE_NAME, failureNote, int, ms, rate, ratio, row } from './report-format.ts';

const SEARCH_AIM_MS = 30;
const PAGE_AIM_MS = 5;
const CSV_AIM_SECONDS = 10;
const CSV_AIM_MB = 250;
const WEIGHT_AIM_KB = 60;

const met = (ok: boolean) => (ok ? 'met' : '**not met**');
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const share = (s: number) => (s >= 0.1 ? `${(s * 100).toFixed(0)} %` : s >= 0.01 ? `${(s * 100).toFixed(1)} %` : `${(s * 100).toFixed(2)} %`);
/** A ratio with as many decimals as it needs: 0.03×, 3.2×, 1349×. */
const times = (r: number) => `${r.toFixed(r < 1 ? 2 : r < 100 ? 1 : 0)}×`;
const where = (p: { engine: PublicFigures['engine']; size: number }) => `${ENGINE_NAME[p.engine]} ${int(p.size)}`;

export function renderPublic(run: RunFigures, notes: string[]): string[] {
  const { settings } = run;
  const out: string[] = [];
  const sides = run.publicSide;

  out.push(
    '## The public side (figures 4–7)',
    '',
    'On a second fresh database per engine and size whose generated records (the same ones) are all published by the import: ' +
      '`importRecords(…, { publish: true })` in a process of its own, as `algoritmeregister import FILE --publish` runs, so that the search index holds every ' +
      'record; the organisations are made first with their types (gemeente, provincie, waterschap, zelfstandig bestuursorgaan, veiligheidsregio), so that ' +
      'the organisation-type facet has values. ' +
      (run.machine.postgresAutovacuum === false
        ? 'This machine\'s PostgreSQL runs with autovacuum off (a CI setting), so on PostgreSQL the import process runs ANALYZE after every 5,000 records, untimed, as autovacuum would ' +
          '(publishing reads each batch back to index it, and without current statistics PostgreSQL plans that read as a scan of every version published so far). '
        : '') +
      'Settled as above. The register runs in a process of its own, started as `npm start` starts it: `node bin/algoritmeregister.js serve` on the JavaScript that ' +
      '`npm run build` made in dist/ (plain Node, no TypeScript loader; `npm run bench` builds first) with the configuration above, so that its memory can be read from outside ' +
      '(for figure 4 a second one beside it, with its search cache off: see there); load as above. ' +
      `The import with publish (it also builds each record's search document, facet rows and vocabulary): ` +
      sides.map((p) => `${where(p)}: ${p.import.seconds.toFixed(1)} s (${int(p.import.perSecond)} records/s)`).join('; ') +
      '.',
    '',
  );

  // 4. Search
  const distinct = sides[0].search.distinctQueries;
  out.push('## 4. Search API with facets', '');
  out.push(
    '`GET /api/v1/algorithms?…` as the open-data API answers it: the total, the first 20 results (ranked by relevance when there is text, else newest first) ' +
      `and the counts of all seven facets among the results. Eight kinds of query (below), ${distinct} different queries in all.`,
    '',
    '**The search cache.** The register keeps the answers of recent searches in memory (`src/search/result-cache.ts`, used by `search()`): per process up to ' +
      '`SEARCH_CACHE_ENTRIES` answers (1,000 by default; `0` keeps none), each the whole search result (total, page of results, facet counts) under the search ' +
      'as normalised (filter values in order, defaults filled in), given again for the same search until anything is published, changed or withdrawn (the ' +
      'index generation); the matches of recent texts (at most a million ids in all), so that the same text with another filter, order or page is not ' +
      `looked up again; and the algorithm pages' similar algorithms (\`0\` keeps none of these). This benchmark repeats its fixed set of ${distinct} queries, so a register with the cache on answers almost all of them from memory; ` +
      'that is not the cost of a search. The figure is therefore measured on two register processes on the same database: the one of the other figures, ' +
      'configured by default (cache on), and a second started with `SEARCH_CACHE_ENTRIES=0` (cache off), which computes every search anew.',
    '',
    '**One at a time** (cache off): each kind\'s queries in turn over one keep-alive connection to the cache-off register (request to last byte), after one ' +
      'untimed round, for 1.5 s and at least 10 runs: the time of one search computed anew, without queueing. ' +
      '**Under load**, twice, the same way each time: the kinds mixed, each equally often, a random query ' +
      `of the kind per request, from ${settings.connections} connections; the run goes by number of requests, not time, so that no request is left working ` +
      `in the server when it ends: a warm-up of ${settings.connections * 2} requests, then as many as the warm-up's rate gives in ${settings.seconds} s ` +
      `(at least ${settings.connections * 8}); "answers" says how many that was, per kind, and req/s is answers per second from the run's start to its last answer. First against the cache-off register: every search computed anew, ` +
      'the worst case (a site whose every search is new). Then against the register with the cache on, as a live site where searches repeat: just before ' +
      `its run it is asked each of the ${distinct} queries once (untimed; its answers checked to match the cache-off register's), so that, with nothing ` +
      `published meanwhile and ${distinct} answers well within its 1,000, every answer of the run (warm-up and measured) comes from memory, where only the ` +
      'search itself is skipped (the API still labels the facets and writes its JSON). A live site lies between the two, by how often its searches repeat. ' +
      'Baseline: the bare full-text SQL query that a date-sorted search like the national register\'s issues, for the same words and filters: ' +
      'on SQLite `select … from search_fts join search_documents d on d.algorithm_id = search_fts.rowid where search_fts match ? order by d.published_at desc limit 20`, ' +
      'on PostgreSQL `select … from search_text t join search_documents d on d.algorithm_id = t.algorithm_id where t.tsv @@ to_tsquery(\'simple\', $1) order by d.published_at desc limit 20` ' +
      '(a facet filter adds `and d.algorithm_id in (select algorithm_id from search_facets where facet = ? and value in (…))`; without text there is no match), ' +
      'the words folded and stemmed as the index holds them, a phrase as a phrase, `word*` as a prefix as typed; no count, no facet counts, no ranking, ' +
      'no typo tolerance or synonyms. Timed directly through the driver (better-sqlite3 with the register\'s cache and memory-map settings; pg) in the same way: ' +
      'one at a time, each kind\'s queries in turn, after one untimed round, for 1.5 s and at least 20 rounds. ' +
      `Aims (issue): p95 ≤ ${SEARCH_AIM_MS} ms under load (shown for both runs, cache on and cache off), and no slower than the bare query ` +
      '(one at a time, cache off, p95 against p95). ' +
      '"matches": the median share of all documents that a query of the kind finds (the API\'s `total`).',
    '',
  );
  out.push(row(['kind', 'queries']), row(['---', '---']));
  for (const kind of sides[0].search.kinds) {
    const examples =
      kind.name === 'rare word'
        ? `the codes of the five organisations with the fewest algorithms (at ${int(sides[0].size)}: ${kind.examples.join(', ')}); ` +
          'on this data every real word is in at least 4 % of the records, as the generator takes its sentences from the 27 templates'
        : kind.examples.join('; ');
    out.push(row([kind.name, examples]));
  }
  out.push('');
  out.push(
    row([
      'engine', 'algorithms', 'kind', 'matches',
      'under load, cache on: answers', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms',
      'under load, cache off: answers', 'req/s', 'p95 ms',
      'one at a time, cache off: runs', 'p50 ms', 'p95 ms',
      'bare query: p50 ms', 'p95 ms', 'p95 ÷ bare p95 (one at a time)',
      `aim p95 ≤ ${SEARCH_AIM_MS} ms, cache on`, 'cache off', 'aim ≤ bare',
    ]),
    row(['---', '---:', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---', '---', '---']),
  );
  for (const p of sides) {
    const s = p.search;
    for (const kind of s.kinds) {
      const loaded = s.loaded.byKind?.[kind.name];
      const uncached = s.loadedUncached.byKind?.[kind.name];
      const matches = share(kind.medianShare) + (kind.bareRows === 0 ? ' (bare: none)' : '');
      out.push(searchRow(p, kind.name, matches, loaded, uncached, kind.single, kind.bare));
      for (const [label, r] of [['cache on', loaded], ['cache off', uncached]] as const) {
        const note = r && failureNote(`${where(p)} search under load (${label}), ${kind.name}`, r);
        if (note) notes.push(note);
      }
    }
    out.push(searchRow(p, '**all kinds**', '', s.loaded, s.loadedUncached, s.singleOverall, s.bareOverall));
    for (const [label, r] of [['cache on', s.loaded], ['cache off', s.loadedUncached]] as const) {
      if (r.errors || r.timeouts) notes.push(`${where(p)} search under load (${label}): ${r.errors} connection errors, ${r.timeouts} timeouts (after 120 s).`);
    }
  }
  out.push(
    '',
    'Where the bare query finds nothing (a typo: it has no typo tolerance) it is not the same work; the register then searches the nearest indexed words as well. ' +
      '"all kinds": under load the whole mixed run (each of the two); one at a time (cache-off register and bare query) the same number of runs of each kind. ' +
      'The cache-off columns are the cost of searches the register has not answered before; the cache-on columns that of searches answered from memory.',
    '',
  );

  // 5. Algorithm page
  out.push('## 5. Algorithm page', '');
  out.push(
    '`GET /algoritme/{lars}` (the Dutch HTML page: all fields of the published version, history link, similar algorithms, error-report link, citation), ' +
      'each request for a random one of all published algorithms. ' +
      'The register keeps each page\'s similar algorithms until the index changes (with the search cache, at most 10,000 pages): ' +
      'pages asked for again skip that search, which at 10,000 algorithms is most of them after the warm-up, at 100,000 few. ' +
      `One at a time: over one keep-alive connection (request to last byte), after ${settings.warmupSeconds} s of untimed ones (as long as the load runs' warm-up: a register that just started runs its page code unoptimised and reads cold database pages), for ${SINGLE_SECONDS} s and at least ` +
      `${SINGLE_MIN_RUNS} requests: the time of one page without queueing. Under load: as above, from ${settings.connections} connections. ` +
      'Baseline (under load): a bare Node `http` server answering the same requests with a fixed HTML page ' +
      'of the size of an average one (the sampled page closest to the mean of 100). ' +
      `Aims (issue): p95 ≤ ${PAGE_AIM_MS} ms (shown one at a time and under load) and at least half the bare server's request rate.`,
    '',
  );
  out.push(
    row([
      'engine', 'algorithms',
      'one at a time: requests', 'p50 ms', 'p95 ms',
      'under load: register req/s', 'p50 ms', 'p95 ms', 'p99 ms',
      'baseline req/s', 'p50 ms', 'p95 ms', 'p99 ms',
      'body bytes (register / baseline)', 'rate ratio',
      `aim p95 ≤ ${PAGE_AIM_MS} ms, one at a time`, 'under load', 'aim rate ≥ 0.5',
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---', '---', '---']),
  );
  for (const p of sides) {
    const { single, app, baseline } = p.algorithmPage;
    out.push(
      row([
        ENGINE_NAME[p.engine], int(p.size),
        int(single.count), ms(single.p50), ms(single.p95),
        rate(app.rate), ms(app.p50), ms(app.p95), ms(app.p99),
        rate(baseline.rate), ms(baseline.p50), ms(baseline.p95), ms(baseline.p99),
        `${int(p.algorithmPage.appBodyBytes)} / ${int(p.algorithmPage.baselineBodyBytes)}`, ratio(app.rate, baseline.rate),
        met(single.p95 <= PAGE_AIM_MS), met(app.p95 <= PAGE_AIM_MS), met(app.rate / baseline.rate >= 0.5),
      ]),
    );
    for (const [label, r] of [['algorithm page', app], ['algorithm page baseline', baseline]] as const) {
      const note = failureNote(`${where(p)} ${label}`, r);
      if (note) notes.push(note);
    }
  }
  out.push('');

  // 6. CSV download
  out.push('## 6. Full CSV download', '');
  out.push(
    '`GET /api/v1/downloads/algorithms.csv`: every current publication, all columns, from request to the last byte written to a file by the client, ' +
      'asked for as it is (`Accept-Encoding: identity`; "CSV MB" its size) and then compressed, as a browser asks (`Accept-Encoding: br`: Brotli at quality 4, ' +
      'compressed as it streams; "MB sent" the bytes on the wire). ' +
      `Memory: the RSS of the register\'s process (a process of its own, started afresh for this figure so that the load above is not in it, then left without work for ${CSV_IDLE_SECONDS} s, as a running register is between requests: V8 gives back what starting left in its heap only after some seconds without work; "after start" and "before" show both; and as long again before the compressed download), read from ` +
      '`/proc/PID/status` every 20 ms during the download; the kernel\'s own peak (VmHWM, reset before) confirms no peak fell between samples. ' +
      'RSS is anonymous memory (heap, buffers, drivers, SQLite\'s page cache of at most 16 MB) plus file pages mapped into the process ' +
      '(the program\'s own files; the register does not map the database file: `mmap_size = 0` in src/db/connect.ts). ' +
      'Baseline: the same rows by one SQL query through the same driver (better-sqlite3\'s row iterator; a PostgreSQL cursor, 1,000 rows a fetch) and ' +
      'csv-stringify\'s stream straight into a file, each row\'s JSON spread over the same columns, in a process of its own measured the same way ' +
      '(`bench/csv-baseline-worker.ts`). ' +
      `Aims (issue), for 100k: ≤ ${CSV_AIM_SECONDS} s and ≤ ${CSV_AIM_MB} MB.`,
    '',
  );
  out.push(
    row([
      'engine', 'algorithms', 'CSV MB', 'register s', 'MB/s', 'peak RSS MB', 'of which anonymous / file', 'RSS after start / before MB',
      'compressed: MB sent', 's', 'peak RSS MB', 'baseline s', 'baseline peak RSS MB', 'time ratio', `aim ≤ ${CSV_AIM_SECONDS} s`, `aim ≤ ${CSV_AIM_MB} MB`,
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---', '---']),
  );
  for (const p of sides) {
    const { app, compressed, baseline } = p.csv;
    const aims = p.size === 100_000;
    out.push(
      row([
        ENGINE_NAME[p.engine], int(p.size), mb(app.bytes), app.seconds.toFixed(1), (app.bytes / 2 ** 20 / app.seconds).toFixed(0),
        mb(app.memory.peakBytes), `${mb(app.memory.peakAnonBytes)} / ${mb(app.memory.peakFileBytes)}`, `${mb(p.csv.startBytes)} / ${mb(app.memory.beforeBytes)}`,
        mb(compressed.bytes), compressed.seconds.toFixed(1), mb(compressed.memory.peakBytes),
        baseline.seconds.toFixed(1), mb(baseline.memory.peakBytes), ratio(baseline.seconds, app.seconds),
        aims ? met(app.seconds <= CSV_AIM_SECONDS) : '', aims ? met(app.memory.peakBytes <= CSV_AIM_MB * 2 ** 20) : '',
      ]),
    );
    if (!p.csv.sameLength) notes.push(`${where(p)}: the CSV download (${int(app.bytes)} bytes) and the baseline's file (${int(baseline.bytes)} bytes) differ in length.`);
    for (const [label, m] of [['register', app.memory], ['register compressed', compressed.memory], ['baseline', baseline.memory]] as const) {
      if (m.kernelPeakBytes !== null && m.kernelPeakBytes > m.peakBytes * 1.05) {
        notes.push(`${where(p)} CSV ${label}: the kernel's peak RSS (${mb(m.kernelPeakBytes)} MB) is above the sampled peak (${mb(m.peakBytes)} MB).`);
      }
    }
  }
  const same = sides.every((p) => p.csv.sameLength);
  out.push(
    '',
    `Time ratio: baseline ÷ register (below 1 the register is slower). ${same ? 'Each download was byte for byte as long as the baseline\'s file of the same rows.' : 'See the notes on length.'}`,
    '',
  );

  out.push(...renderPageWeight(sides));
  return out;
}

/** Figure 7: the page weights (from the public side's run, or from BENCH_PARTS=weight alone). */
export function renderPageWeight(sides: PageWeightFigures[]): string[] {
  const out: string[] = ['## 7. Page weight', ''];
  const encodings = [...new Set(sides.flatMap((p) => p.pages.flatMap((page) => page.encodings)))].join(', ');
  out.push(
    'What a first visit to each type of public page transfers: the HTML and the stylesheets and scripts it links, as the register sends them to a browser ' +
      `(asked with \`Accept-Encoding: ${BROWSER_ACCEPT_ENCODING}\`; the bytes of each body on the wire; encodings chosen: ${encodings}). The register compresses ` +
      'a page as it sends it (Brotli at quality 4, gzip for clients without Brotli; `@fastify/compress`) and its stylesheets and scripts once, in advance ' +
      '(Brotli at quality 11; src/publicsite/static-asset.ts), which browsers then keep for a year under their versioned address, so that a second page ' +
      'transfers only its HTML. For algorithm and history pages the heaviest of 20 random published algorithms. No baseline: the aim is absolute. ' +
      `Aim (issue): ≤ ${WEIGHT_AIM_KB} KB compressed per page with its CSS and JS.`,
    '',
  );
  const names = sides[0].pages.map((page) => page.name);
  out.push(
    row(['page', 'address', 'HTML KB (sent)', 'CSS + JS KB (sent)', ...sides.map((p) => `transferred KB, ${where(p)}`), `aim ≤ ${WEIGHT_AIM_KB} KB`]),
    row(['---', '---', '---:', '---:', ...sides.map(() => '---:'), '---']),
  );
  for (const name of names) {
    const measured = sides.map((p) => p.pages.find((page) => page.name === name)!);
    const total = (page: (typeof measured)[number]) => page.htmlSent + page.assetSent;
    const heaviest = measured.reduce((a, b) => (total(b) > total(a) ? b : a));
    const address = name === 'algorithm page' ? '`/algoritme/{lars}`' : name === 'history page' ? '`/algoritme/{lars}/versies`' : `\`${heaviest.path}\``;
    out.push(
      row([
        name, address,
        `${kb(heaviest.htmlBytes)} (${kb(heaviest.htmlSent)})`, `${kb(heaviest.assetBytes)} (${kb(heaviest.assetSent)})`,
        ...measured.map((page) => kb(total(page))),
        met(measured.every((page) => total(page) <= WEIGHT_AIM_KB * 1024)),
      ]),
    );
  }
  out.push('', 'HTML and CSS + JS columns: the heaviest measurement of the page over all engines and sizes, uncompressed and (as sent).', '');
  return out;
}

function searchRow(
  p: PublicFigures,
  kind: string,
  matches: string,
  loaded: KindResult | LoadResult | undefined,
  uncached: KindResult | LoadResult | undefined,
  single: Latency,
  bare: Latency,
): string {
  const none = { requests: 0, rate: NaN, p50: NaN, p95: NaN, p99: NaN };
  const on = loaded ?? none;
  const off = uncached ?? none;
  const fine = (n: number) => (n < 0.1 ? n.toFixed(2) : ms(n));
  return row([
    ENGINE_NAME[p.engine], int(p.size), kind, matches,
    int(on.requests), rate(on.rate), ms(on.p50), ms(on.p95), ms(on.p99),
    int(off.requests), rate(off.rate), ms(off.p95),
    int(single.count), ms(single.p50), ms(single.p95),
    fine(bare.p50), fine(bare.p95),
    times(single.p95 / bare.p95),
    met(on.p95 <= SEARCH_AIM_MS), met(off.p95 <= SEARCH_AIM_MS), met(single.p95 <= bare.p95),
  ]);
}
