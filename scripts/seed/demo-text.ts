/**
 * The word banks the demo plan draws from. Tags are listed most popular first: the plan picks them with a Zipf
 * weighting, so a few tags carry most articles, as on a real blog.
 */

export interface TagTopic {
  tag: string;
  subjects: string[];
  language?: string;
}

export const TOPICS: TagTopic[] = [
  {
    tag: 'javascript',
    subjects: ['closures', 'the event loop', 'async iterators', 'module bundling', 'structuredClone'],
    language: 'js',
  },
  {
    tag: 'typescript',
    subjects: ['discriminated unions', 'strict null checks', 'generic constraints', 'type narrowing'],
    language: 'ts',
  },
  {
    tag: 'webdev',
    subjects: ['progressive enhancement', 'web components', 'HTTP caching', 'core web vitals'],
  },
  {
    tag: 'node',
    subjects: ['streams', 'worker threads', 'graceful shutdown', 'the permission model'],
    language: 'js',
  },
  { tag: 'career', subjects: ['code review', 'mentoring', 'the first 90 days', 'writing a brag document'] },
  {
    tag: 'databases',
    subjects: ['composite indexes', 'isolation levels', 'deadlocks', 'connection pooling'],
    language: 'sql',
  },
  { tag: 'testing', subjects: ['flaky tests', 'contract tests', 'test factories', 'property-based testing'] },
  {
    tag: 'nestjs',
    subjects: ['guards', 'interceptors', 'dynamic modules', 'exception filters'],
    language: 'ts',
  },
  { tag: 'devops', subjects: ['blue-green deploys', 'feature flags', 'runbooks', 'immutable images'] },
  { tag: 'security', subjects: ['token revocation', 'rate limiting', 'password hashing', 'CSP headers'] },
  { tag: 'performance', subjects: ['flame graphs', 'N+1 queries', 'response caching', 'tail latency'] },
  { tag: 'architecture', subjects: ['modular monoliths', 'event sourcing', 'bounded contexts'] },
  { tag: 'react', subjects: ['server components', 'suspense', 'state colocation'], language: 'tsx' },
  { tag: 'css', subjects: ['container queries', 'cascade layers', 'logical properties'], language: 'css' },
  { tag: 'mysql', subjects: ['covering indexes', 'gap locks', 'online schema changes'], language: 'sql' },
  { tag: 'observability', subjects: ['structured logging', 'RED metrics', 'trace sampling'] },
  { tag: 'open-source', subjects: ['triaging issues', 'semantic versioning', 'maintainer burnout'] },
  {
    tag: 'docker',
    subjects: ['multi-stage builds', 'layer caching', 'distroless images'],
    language: 'dockerfile',
  },
  { tag: 'sqlite', subjects: ['WAL mode', 'embedded databases', 'busy timeouts'], language: 'sql' },
  { tag: 'writing', subjects: ['technical blogging', 'design docs', 'release notes'] },
];

export const TITLE_TEMPLATES = [
  'A practical guide to {subject}',
  'What nobody tells you about {subject}',
  '{Subject} in production: lessons learned',
  'Understanding {subject} from first principles',
  'Five mistakes I made with {subject}',
  'Why we rethought {subject}',
  '{Subject}, explained with diagrams',
  'The case against {subject}',
  'How {subject} saved our launch',
  'Notes on {subject} after a year',
  'Debugging {subject} at 3 a.m.',
  '{Subject}: a checklist for your next project',
];

export const DESCRIPTIONS = [
  'What we tried, what broke, and what we would do again.',
  'A short tour with working examples.',
  'The mental model that finally made it click for me.',
  'Everything I wish I had known on day one.',
  'A field report from a team of five.',
  'Trade-offs, numbers and a few surprises.',
  'From a confusing incident to a boring, reliable fix.',
  'A gentle introduction, then the sharp edges.',
];

export const HEADINGS = [
  'Why it matters',
  'The setup',
  'What went wrong',
  'A better approach',
  'Measuring the result',
  'Trade-offs',
  'Where to go next',
  'Takeaways',
];

export const SENTENCES = [
  'Most teams meet {subject} long before they decide to learn it properly.',
  'The documentation covers the happy path; production rarely stays on it.',
  'We started with the simplest thing that could possibly work and measured from there.',
  'It is tempting to reach for a library, but the core idea fits in a few dozen lines.',
  'The first version was fast on a laptop and painfully slow under real traffic.',
  'Once we wrote the invariants down, the bugs became obvious.',
  'Nothing here is new, yet {subject} keeps surprising experienced engineers.',
  'A small benchmark told us more than a week of debates.',
  'The fix was three lines; finding them took two days.',
  'We kept the old path behind a flag until the numbers agreed.',
  'Reviewers caught the edge case that our tests had missed.',
  'The hardest part was not the code but agreeing on what "done" meant.',
  'If you remember one thing about {subject}, make it this: measure before you change anything.',
  'Our on-call rotation noticed the difference within a week.',
  'The surprising cost was not CPU time but the time it took people to understand the system.',
  'Good defaults beat clever configuration almost every time.',
  'We wrote a runbook, then deleted half of it once the automation caught up.',
  'The constraint forced a simpler design, and the simpler design was faster.',
  'Every shortcut we took with {subject} came back as an incident later.',
  'Pairing on the migration turned a risky change into a routine one.',
];

export const BULLETS = [
  'Start with a failing test that reproduces the problem.',
  'Write down the invariant before you optimise.',
  'Keep the change small enough to review in one sitting.',
  'Prefer boring technology for the critical path.',
  'Log the request id with every error.',
  'Make the slow path observable before making it fast.',
  'Automate the rollback, not just the deploy.',
  'Delete the code you no longer need.',
];

export const QUOTES = [
  'Make it work, make it right, make it fast.',
  'Premature optimisation is the root of all evil.',
  'Simple things should be simple, complex things should be possible.',
  'The best code is no code at all.',
];

export const SNIPPETS: Record<string, string> = {
  js: "const results = await Promise.allSettled(tasks.map((task) => task()));\nconsole.log(results.filter((r) => r.status === 'rejected').length);",
  ts: 'type Result<T> = { ok: true; value: T } | { ok: false; error: string };\n\nfunction unwrap<T>(result: Result<T>): T {\n  if (!result.ok) throw new Error(result.error);\n  return result.value;\n}',
  tsx: 'export function Greeting({ name }: { name: string }) {\n  return <p>Hello, {name}!</p>;\n}',
  sql: 'CREATE INDEX IDX_articles_author_created ON articles (author_id, created_at);\nEXPLAIN SELECT id FROM articles WHERE author_id = 42 ORDER BY created_at DESC LIMIT 20;',
  css: '.card {\n  container-type: inline-size;\n}\n\n@container (min-width: 40rem) {\n  .card__body { display: grid; grid-template-columns: 1fr 2fr; }\n}',
  dockerfile:
    'FROM node:20-slim AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\nFROM node:20-slim\nCOPY --from=build /app/dist ./dist\nCMD ["node", "dist/main"]',
};

export const COMMENTS = [
  'Great write-up, thanks for sharing!',
  'We hit exactly the same problem last quarter.',
  'Could you share the benchmark setup?',
  'This finally made {subject} click for me.',
  'I would add one caveat: it depends a lot on the workload.',
  'Bookmarked. The checklist at the end is gold.',
  'Have you compared this with the approach in the official docs?',
  'The diagram in the second section helped a lot.',
  'Interesting take. We went the other way and it worked out too.',
  'How did you roll this out without downtime?',
  'Sharing this with my team tomorrow.',
  'Small typo in the code sample, otherwise spot on.',
  'I disagree with the conclusion, but the reasoning is solid.',
  'Looking forward to the follow-up post!',
  'This is the clearest explanation of {subject} I have read.',
  'Did you measure memory as well as latency?',
];

export const FIRST_NAMES = (
  'Maya Lucas Aiko Noah Priya Mateo Sofia Kwame Elena Omar Hannah Tariq Ingrid Diego Mei Jonas ' +
  'Amara Felix Zara Ravi Chloe Emeka Lena Hugo Nadia Kenji Olivia Samir Freya Tomás Yara Anton ' +
  'Leila Marco Ines Ivan'
).split(' ');

export const LAST_NAMES = (
  'Chen Silva Tanaka Walsh Raman Garcia Rossi Mensah Petrova Haddad Becker Aziz Larsen Morales Lin ' +
  'Weber Okafor Novak Khan Iyer Dubois Eze Fischer Martin Karimi Sato Brown Nasser Holm Ruiz ' +
  'Farouk Volkov Amini Bianchi Costa Popov'
).split(' ');

export const ROLES = [
  'Backend engineer',
  'Frontend developer',
  'Site reliability engineer',
  'Engineering manager',
  'Full-stack developer',
  'Database administrator',
  'Developer advocate',
  'Security engineer',
  'Staff engineer',
  'Freelance consultant',
];

export const CITIES = [
  'Lisbon',
  'Nairobi',
  'Osaka',
  'Toronto',
  'Berlin',
  'São Paulo',
  'Pune',
  'Oslo',
  'Lyon',
];
