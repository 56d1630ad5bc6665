/**
 * robots.txt (RFC 9309), the simple subset crawlers agree on: groups chosen by product
 * token (else "*"), Allow/Disallow with "*" and "$" wildcards, the longest matching rule
 * wins and Allow wins a tie. Pure parsing and matching; fetching and caching are in robots-cache.ts.
 */

export interface RobotsRule {
  allow: boolean;
  pattern: string;
  matcher: RegExp;
}

export interface RobotsPolicy {
  rules: readonly RobotsRule[];
}

export const allowEverything: RobotsPolicy = { rules: [] };
export const disallowEverything: RobotsPolicy = { rules: [compileRule(false, '/')] };

function compileRule(allow: boolean, pattern: string): RobotsRule {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return { allow, pattern, matcher: new RegExp(`^${body}${anchored ? '$' : ''}`) };
}

/** Percent-encode what a browser would, so "/ä" in robots.txt matches "/%C3%A4" in a URL. */
function normalisePattern(pattern: string): string {
  return pattern.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
}

/**
 * Rules of the groups that apply to `productToken` (case-insensitive; "Tickerwire/0.1" in a
 * User-agent line matches token "tickerwire"), or of the "*" groups when none names us.
 */
export function parseRobots(text: string, productToken: string): RobotsPolicy {
  const token = productToken.toLowerCase();
  const ours: RobotsRule[] = [];
  const anyone: RobotsRule[] = [];
  let agents: string[] = [];
  let inRules = false;
  let namesUs = false;
  // 500 KiB is the minimum RFC 9309 asks crawlers to read; the fetcher caps the body anyway.
  for (const rawLine of text.slice(0, 512 * 1024).split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (inRules) agents = [];
      inRules = false;
      const agent = (value.split('/')[0] ?? '').trim().toLowerCase();
      agents.push(agent);
      if (agent === token) namesUs = true;
    } else if (key === 'allow' || key === 'disallow') {
      inRules = true;
      if (value === '') continue; // "Disallow:" with nothing means no restriction
      const rule = compileRule(key === 'allow', normalisePattern(value));
      if (agents.includes(token)) ours.push(rule);
      if (agents.includes('*')) anyone.push(rule);
    } else {
      // Sitemap, Crawl-delay and friends: not group members, but they end the User-agent run.
      if (agents.length > 0) inRules = true;
    }
  }
  return { rules: namesUs ? ours : anyone };
}

/** Whether the policy lets us fetch this path (path plus query, as in the request line). */
export function isPathAllowed(policy: RobotsPolicy, pathAndQuery: string): boolean {
  if (pathAndQuery === '/robots.txt') return true;
  let best: RobotsRule | null = null;
  for (const rule of policy.rules) {
    if (!rule.matcher.test(pathAndQuery)) continue;
    if (
      best === null ||
      rule.pattern.length > best.pattern.length ||
      (rule.pattern.length === best.pattern.length && rule.allow && !best.allow)
    ) {
      best = rule;
    }
  }
  return best === null || best.allow;
}
