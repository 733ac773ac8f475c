import { SeedPlan, timestamp } from './plan';
import { distinct } from './random';
import { Row, Sink } from './sink';

const BATCH = 5000;

/** Each user favorites popular articles more often (so a few articles carry many favorites). */
export async function seedFavorites(sink: Sink, plan: SeedPlan): Promise<number> {
  const random = plan.random(6);
  let rows: Row[] = [];
  let total = 0;
  for (let user = 1; user <= plan.options.users; user++) {
    const articles = distinct(plan.options.favoritesPerUser, () => plan.popularArticle(random));
    for (const article of articles.sort((a, b) => a - b)) {
      const created = plan.articleTime(article);
      rows.push([user, article, timestamp(created + random() * (plan.end - created))]);
    }
    if (rows.length < BATCH) continue;
    total += rows.length;
    await sink.insert('favorites', ['user_id', 'article_id', 'created_at'], rows);
    rows = [];
  }
  total += rows.length;
  if (rows.length > 0) await sink.insert('favorites', ['user_id', 'article_id', 'created_at'], rows);
  return total;
}
