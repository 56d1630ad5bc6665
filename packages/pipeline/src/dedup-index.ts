import type { Redis } from 'ioredis';
import {
  sameFactWindowMs,
  sameStoryWindowMs,
  type FactCandidate,
  type FactLookup,
  type Repositories,
  type StoryCandidate,
  type StoryLookup,
} from '@tickerwire/store';

/**
 * The writer's lookup index, in Redis: which story holds a canonical URL or a story key, and
 * which event holds a fact, for as long as a copy or a repeat can still be matched to them.
 *
 * Why: FerretDB (the MongoDB-compatible server these machines run) scans the whole
 * collection for every query and every update but an insert — measured 0.4 s per lookup at
 * 3,000 stories, so looking stories up in MongoDB made each batch slower than the last.
 * MongoDB proper serves the same lookups from its indexes; the index here costs one MGET.
 *
 * MongoDB stays the record: unique keys there still refuse a second copy of a URL or of a
 * report. This index only finds what to match against. It is written after the MongoDB
 * writes of each batch, and rebuilt from MongoDB whenever its marker is missing (a new
 * Redis, or one restarted without its data), before the batch that finds it missing.
 *
 * A batch that fails after its MongoDB writes and before the index heard of them would leave
 * the index behind MongoDB, and the next batch would store a copy of a story or a second
 * event for a fact. So a batch first marks its URLs, story keys and fact keys pending, and
 * clears the marks once the batch is remembered. A mark a batch finds already set was left by
 * a run that failed (batches run one at a time, under the write lock): for those keys the
 * lookup asks MongoDB.
 */
export class DedupIndex {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #repos: Pick<Repositories, 'articles' | 'events'>;
  /** Marks found already set when the current batch marked its keys: left by a failed run. */
  #leftByFailedRun = new Set<string>();

  constructor(redis: Redis, prefix: string, repos: Pick<Repositories, 'articles' | 'events'>) {
    this.#redis = redis;
    this.#prefix = `${prefix}:tickerwire:dedup`;
    this.#repos = repos;
  }

  #key(kind: string, id: string): string {
    return `${this.#prefix}:${kind}:${id}`;
  }

  /** Rebuilds from MongoDB unless the index is known complete. Call under the write lock. */
  async ensureBuilt(now = new Date()): Promise<{ rebuilt: boolean; stories: number; facts: number }> {
    if ((await this.#redis.exists(this.#key('ready', 'v1'))) === 1) return { rebuilt: false, stories: 0, facts: 0 };
    const stories = await this.#repos.articles.storiesSince(new Date(now.getTime() - sameStoryWindowMs));
    const facts = await this.#repos.events.factsSince(new Date(now.getTime() - sameFactWindowMs));
    for (let i = 0; i < stories.length; i += 500) await this.stories.remember(stories.slice(i, i + 500));
    for (let i = 0; i < facts.length; i += 500) await this.facts.remember(facts.slice(i, i + 500));
    await this.#redis.set(this.#key('ready', 'v1'), now.toISOString());
    return { rebuilt: true, stories: stories.length, facts: facts.length };
  }

  /**
   * Which of these URLs this source already brought (as a story's URL or a copy's), for the
   * fetcher to skip before analysis. An index that is still being built answers "none",
   * which only costs an analysis the writer then recognises.
   */
  async knownFromSource(sourceId: string, urls: readonly string[]): Promise<Set<string>> {
    const known = new Set<string>();
    if (urls.length === 0) return known;
    const ids = await this.#redis.mget(urls.map((u) => this.#key('url', u)));
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return known;
    const stories = new Map(
      (await this.#redis.mget(wanted.map((id) => this.#key('story', id)))).filter((raw): raw is string => raw !== null).map((raw) => {
        const story = parseStory(raw);
        return [story._id, story] as const;
      }),
    );
    urls.forEach((url, i) => {
      const story = ids[i] ? stories.get(ids[i]!) : undefined;
      if (story?.sources.some((s) => s.sourceId === sourceId && (s.url === url || story.canonicalUrl === url))) known.add(url);
    });
    return known;
  }

  /** Marks what a batch is about to write as pending; returns the marks for `settle`. */
  async markPending(batch: { urls: readonly string[]; storyKeys: readonly string[]; factKeys: readonly string[] }): Promise<string[]> {
    const marks = [
      ...batch.urls.map((u) => this.#key('pending-url', u)),
      ...batch.storyKeys.map((k) => this.#key('pending-skey', k)),
      ...batch.factKeys.map((k) => this.#key('pending-fact', k)),
    ];
    this.#leftByFailedRun = new Set();
    if (marks.length === 0) return marks;
    const unique = [...new Set(marks)];
    const found = await this.#redis.mget(unique);
    this.#leftByFailedRun = new Set(unique.filter((_, i) => found[i] !== null));
    // A mark left by a batch that never succeeds expires; until then it costs MongoDB lookups.
    const pipeline = this.#redis.pipeline();
    for (const mark of unique) pipeline.set(mark, '1', 'EX', pendingTtlSeconds);
    await execOrThrow(pipeline);
    return marks;
  }

  /** The batch's writes are in MongoDB and in the index: its keys are no longer pending. */
  async settle(marks: readonly string[]): Promise<void> {
    if (marks.length > 0) await this.#redis.del(...new Set(marks));
    this.#leftByFailedRun = new Set();
  }

  #pending(kind: string, values: readonly string[]): string[] {
    return values.filter((value) => this.#leftByFailedRun.has(this.#key(kind, value)));
  }

  readonly stories: StoryLookup = {
    find: async (canonicalUrls, keys, seenFrom, seenTo, factKeys) => {
      const pointers = [...canonicalUrls.map((u) => this.#key('url', u)), ...keys.map((k) => this.#key('skey', k))];
      if (pointers.length === 0 && factKeys.length === 0) return [];
      const found = await this.#redis.mget([...pointers, ...factKeys.map((k) => this.#key('fact', k))]);
      // A story key points at the first story that had it, which in templated news is often a
      // look-alike; a copy's story is also among the stories that reported its facts.
      const reporters = found.slice(pointers.length).filter((raw): raw is string => raw !== null).flatMap((raw) => parseFact(raw).reports.map((r) => r.articleId));
      const ids = [...new Set([...found.slice(0, pointers.length).filter((id): id is string => id !== null), ...reporters])];
      const indexed = ids.length === 0 ? [] : (await this.#redis.mget(ids.map((id) => this.#key('story', id)))).filter((raw): raw is string => raw !== null).map(parseStory);
      const pendingUrls = this.#pending('pending-url', canonicalUrls);
      const pendingKeys = this.#pending('pending-skey', keys);
      if (pendingUrls.length === 0 && pendingKeys.length === 0) return indexed;
      // MongoDB may be ahead of the index for these: its answer wins.
      const fromMongo = await this.#repos.articles.mongoLookup.find(pendingUrls, pendingKeys, seenFrom, seenTo, []);
      return [...new Map([...indexed, ...fromMongo].map((story) => [story._id, story])).values()];
    },
    remember: async (stories) => {
      if (stories.length === 0) return;
      const ttl = Math.ceil((sameStoryWindowMs * 1.2) / 1000);
      const pipeline = this.#redis.pipeline();
      for (const story of stories) {
        pipeline.set(this.#key('story', story._id), JSON.stringify(story), 'EX', ttl);
        pipeline.set(this.#key('url', story.canonicalUrl), story._id, 'EX', ttl, 'NX');
        // Copies filed under this story: their URLs lead here too.
        for (const sighting of story.sources) pipeline.set(this.#key('url', sighting.url), story._id, 'EX', ttl, 'NX');
        // The first story with a key keeps it: later copies are matched to the original.
        for (const key of story.storyKeys ?? []) pipeline.set(this.#key('skey', key), story._id, 'EX', ttl, 'NX');
      }
      await execOrThrow(pipeline);
    },
  };

  readonly facts: FactLookup = {
    find: async (factKeys, seenFrom, seenTo) => {
      if (factKeys.length === 0) return [];
      const indexed = (await this.#redis.mget(factKeys.map((k) => this.#key('fact', k)))).filter((raw): raw is string => raw !== null).map(parseFact);
      const pending = this.#pending('pending-fact', factKeys);
      if (pending.length === 0) return indexed;
      const fromMongo = await this.#repos.events.mongoLookup.find(pending, seenFrom, seenTo);
      return [...new Map([...indexed, ...fromMongo].map((fact) => [fact._id, fact])).values()];
    },
    remember: async (facts) => {
      if (facts.length === 0) return;
      const ttl = Math.ceil((sameFactWindowMs * 1.2) / 1000);
      const pipeline = this.#redis.pipeline();
      // The latest event of a fact is the one a new report can still join.
      for (const fact of facts) pipeline.set(this.#key('fact', fact.factKey), JSON.stringify(fact), 'EX', ttl);
      await execOrThrow(pipeline);
    },
  };
}

const pendingTtlSeconds = 24 * 3600;

async function execOrThrow(pipeline: ReturnType<Redis['pipeline']>): Promise<void> {
  for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
}

function parseStory(raw: string): StoryCandidate {
  const story = JSON.parse(raw) as StoryCandidate;
  return { ...story, firstSeenAt: new Date(story.firstSeenAt), publishedAt: story.publishedAt ? new Date(story.publishedAt) : null };
}

function parseFact(raw: string): FactCandidate {
  const fact = JSON.parse(raw) as FactCandidate;
  return { ...fact, firstSeenAt: new Date(fact.firstSeenAt) };
}
