-- The SQL of content/articles/articles.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- ArticlesRepository.count (all)
SELECT SUM(articles) AS count FROM article_totals;

-- ArticlesRepository.count (tag)
SELECT articles_count AS count FROM tags WHERE name = ?;

-- ArticlesRepository.count (author)
SELECT articles_count AS count FROM users WHERE username = ?;

-- ArticlesRepository.count (combined)
SELECT COUNT(*) AS count FROM (SELECT id, listed_at AS sort_at FROM articles WHERE id IN (SELECT l.article_id FROM article_tags l INNER JOIN tags t ON t.id = l.tag_id WHERE t.name = ?) AND id IN (SELECT fv.article_id FROM favorites fv INNER JOIN users fu ON fu.id = fv.user_id WHERE fu.username = ?) AND listed_at IS NOT NULL ORDER BY listed_at DESC, id DESC) matching;

-- ArticlesRepository.count (own drafts)
SELECT COUNT(*) AS count FROM (SELECT id, created_at AS sort_at FROM articles
  WHERE author_id = ? AND status = ? AND deleted_at IS NULL
  ORDER BY created_at DESC, id DESC) matching;

-- ArticlesRepository.findPage (all) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, (SELECT SUM(articles) AS count FROM article_totals) AS articlesCount FROM articles a STRAIGHT_JOIN users u ON u.id = a.author_id WHERE a.listed_at IS NOT NULL ORDER BY a.listed_at DESC, a.id DESC LIMIT ? OFFSET ?;

-- ArticlesRepository.findPage (all) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, (SELECT SUM(articles) AS count FROM article_totals) AS articlesCount FROM articles a CROSS JOIN users u ON u.id = a.author_id WHERE a.listed_at IS NOT NULL ORDER BY a.listed_at DESC, a.id DESC LIMIT ? OFFSET ?;

-- ArticlesRepository.findPage (all, signed in) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, (SELECT COUNT(*) FROM favorites vfa WHERE vfa.article_id = a.id AND vfa.user_id = ?) AS favorited, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = a.author_id AND vf.follower_id = ?) AS following, (SELECT SUM(articles) AS count FROM article_totals) AS articlesCount FROM articles a STRAIGHT_JOIN users u ON u.id = a.author_id WHERE a.listed_at IS NOT NULL ORDER BY a.listed_at DESC, a.id DESC LIMIT ? OFFSET ?;

-- ArticlesRepository.findPage (all, signed in) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, (SELECT COUNT(*) FROM favorites vfa WHERE vfa.article_id = a.id AND vfa.user_id = ?) AS favorited, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = a.author_id AND vf.follower_id = ?) AS following, (SELECT SUM(articles) AS count FROM article_totals) AS articlesCount FROM articles a CROSS JOIN users u ON u.id = a.author_id WHERE a.listed_at IS NOT NULL ORDER BY a.listed_at DESC, a.id DESC LIMIT ? OFFSET ?;

-- ArticlesRepository.findPage (all, far page) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, (SELECT SUM(articles) AS count FROM article_totals) AS articlesCount FROM (SELECT id, listed_at AS sort_at FROM articles WHERE listed_at IS NOT NULL ORDER BY listed_at DESC, id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findPage (all, far page) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, (SELECT SUM(articles) AS count FROM article_totals) AS articlesCount FROM (SELECT id, listed_at AS sort_at FROM articles WHERE listed_at IS NOT NULL ORDER BY listed_at DESC, id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findPage (tag) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, (SELECT articles_count AS count FROM tags WHERE name = ?) AS articlesCount FROM article_tags l STRAIGHT_JOIN articles a ON a.id = l.article_id STRAIGHT_JOIN users u ON u.id = a.author_id
  WHERE l.tag_id = (SELECT t.id FROM tags t WHERE t.name = ?) AND l.listed_at IS NOT NULL
  ORDER BY l.listed_at DESC, l.article_id DESC LIMIT ? OFFSET ?;

-- ArticlesRepository.findPage (tag) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, (SELECT articles_count AS count FROM tags WHERE name = ?) AS articlesCount FROM article_tags l CROSS JOIN articles a ON a.id = l.article_id CROSS JOIN users u ON u.id = a.author_id
  WHERE l.tag_id = (SELECT t.id FROM tags t WHERE t.name = ?) AND l.listed_at IS NOT NULL
  ORDER BY l.listed_at DESC, l.article_id DESC LIMIT ? OFFSET ?;

-- ArticlesRepository.findPage (tag, far page) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, (SELECT articles_count AS count FROM tags WHERE name = ?) AS articlesCount FROM (SELECT article_id AS id, listed_at AS sort_at FROM article_tags
  WHERE tag_id = (SELECT t.id FROM tags t WHERE t.name = ?) AND listed_at IS NOT NULL
  ORDER BY listed_at DESC, article_id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findPage (tag, far page) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, (SELECT articles_count AS count FROM tags WHERE name = ?) AS articlesCount FROM (SELECT article_id AS id, listed_at AS sort_at FROM article_tags
  WHERE tag_id = (SELECT t.id FROM tags t WHERE t.name = ?) AND listed_at IS NOT NULL
  ORDER BY listed_at DESC, article_id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findPage (author) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, (SELECT articles_count AS count FROM users WHERE username = ?) AS articlesCount FROM articles a STRAIGHT_JOIN users u ON u.id = a.author_id WHERE a.author_id = (SELECT au.id FROM users au WHERE au.username = ?)
  AND a.listed_at IS NOT NULL ORDER BY a.listed_at DESC, a.id DESC LIMIT ? OFFSET ?;

-- ArticlesRepository.findPage (author) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, (SELECT articles_count AS count FROM users WHERE username = ?) AS articlesCount FROM articles a CROSS JOIN users u ON u.id = a.author_id WHERE a.author_id = (SELECT au.id FROM users au WHERE au.username = ?)
  AND a.listed_at IS NOT NULL ORDER BY a.listed_at DESC, a.id DESC LIMIT ? OFFSET ?;

-- ArticlesRepository.findPage (author, far page) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, (SELECT articles_count AS count FROM users WHERE username = ?) AS articlesCount FROM (SELECT id, listed_at AS sort_at FROM articles WHERE author_id = (SELECT au.id FROM users au WHERE au.username = ?) AND listed_at IS NOT NULL ORDER BY listed_at DESC, id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findPage (author, far page) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, (SELECT articles_count AS count FROM users WHERE username = ?) AS articlesCount FROM (SELECT id, listed_at AS sort_at FROM articles WHERE author_id = (SELECT au.id FROM users au WHERE au.username = ?) AND listed_at IS NOT NULL ORDER BY listed_at DESC, id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findPage (combined) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following FROM (SELECT id, listed_at AS sort_at FROM articles WHERE id IN (SELECT l.article_id FROM article_tags l INNER JOIN tags t ON t.id = l.tag_id WHERE t.name = ?) AND author_id = (SELECT au.id FROM users au WHERE au.username = ?) AND id IN (SELECT fv.article_id FROM favorites fv INNER JOIN users fu ON fu.id = fv.user_id WHERE fu.username = ?) AND listed_at IS NOT NULL ORDER BY listed_at DESC, id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findPage (combined) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following FROM (SELECT id, listed_at AS sort_at FROM articles WHERE id IN (SELECT l.article_id FROM article_tags l INNER JOIN tags t ON t.id = l.tag_id WHERE t.name = ?) AND author_id = (SELECT au.id FROM users au WHERE au.username = ?) AND id IN (SELECT fv.article_id FROM favorites fv INNER JOIN users fu ON fu.id = fv.user_id WHERE fu.username = ?) AND listed_at IS NOT NULL ORDER BY listed_at DESC, id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findPage (feed) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, (SELECT COUNT(*) FROM favorites vfa WHERE vfa.article_id = a.id AND vfa.user_id = ?) AS favorited, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = a.author_id AND vf.follower_id = ?) AS following FROM (SELECT id, listed_at AS sort_at FROM (SELECT id, listed_at FROM (SELECT id, listed_at FROM articles WHERE author_id = ? AND listed_at IS NOT NULL ORDER BY listed_at DESC, id DESC LIMIT ?) s0 UNION ALL SELECT id, listed_at FROM (SELECT id, listed_at FROM articles WHERE author_id = ? AND listed_at IS NOT NULL ORDER BY listed_at DESC, id DESC LIMIT ?) s1) slices ORDER BY listed_at DESC, id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findPage (feed) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, (SELECT COUNT(*) FROM favorites vfa WHERE vfa.article_id = a.id AND vfa.user_id = ?) AS favorited, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = a.author_id AND vf.follower_id = ?) AS following FROM (SELECT id, listed_at AS sort_at FROM (SELECT id, listed_at FROM (SELECT id, listed_at FROM articles WHERE author_id = ? AND listed_at IS NOT NULL ORDER BY listed_at DESC, id DESC LIMIT ?) s0 UNION ALL SELECT id, listed_at FROM (SELECT id, listed_at FROM articles WHERE author_id = ? AND listed_at IS NOT NULL ORDER BY listed_at DESC, id DESC LIMIT ?) s1) slices ORDER BY listed_at DESC, id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findPage (feed of many) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, (SELECT COUNT(*) FROM favorites vfa WHERE vfa.article_id = a.id AND vfa.user_id = ?) AS favorited, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = a.author_id AND vf.follower_id = ?) AS following FROM (SELECT id, listed_at AS sort_at FROM articles
  WHERE author_id IN (SELECT fo.following_id FROM follows fo WHERE fo.follower_id = ?) AND listed_at IS NOT NULL ORDER BY listed_at DESC, id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findPage (feed of many) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, (SELECT COUNT(*) FROM favorites vfa WHERE vfa.article_id = a.id AND vfa.user_id = ?) AS favorited, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = a.author_id AND vf.follower_id = ?) AS following FROM (SELECT id, listed_at AS sort_at FROM articles
  WHERE author_id IN (SELECT fo.following_id FROM follows fo WHERE fo.follower_id = ?) AND listed_at IS NOT NULL ORDER BY listed_at DESC, id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findPage (own, all statuses) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, (SELECT COUNT(*) FROM favorites vfa WHERE vfa.article_id = a.id AND vfa.user_id = ?) AS favorited, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = a.author_id AND vf.follower_id = ?) AS following FROM (SELECT id, created_at AS sort_at FROM articles
  WHERE author_id = ? AND deleted_at IS NULL
  ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findPage (own, all statuses) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, (SELECT COUNT(*) FROM favorites vfa WHERE vfa.article_id = a.id AND vfa.user_id = ?) AS favorited, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = a.author_id AND vf.follower_id = ?) AS following FROM (SELECT id, created_at AS sort_at FROM articles
  WHERE author_id = ? AND deleted_at IS NULL
  ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findPage (own drafts) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, (SELECT COUNT(*) FROM favorites vfa WHERE vfa.article_id = a.id AND vfa.user_id = ?) AS favorited, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = a.author_id AND vf.follower_id = ?) AS following FROM (SELECT id, created_at AS sort_at FROM articles
  WHERE author_id = ? AND status = ? AND deleted_at IS NULL
  ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findPage (own drafts) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, (SELECT COUNT(*) FROM favorites vfa WHERE vfa.article_id = a.id AND vfa.user_id = ?) AS favorited, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = a.author_id AND vf.follower_id = ?) AS following FROM (SELECT id, created_at AS sort_at FROM articles
  WHERE author_id = ? AND status = ? AND deleted_at IS NULL
  ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findQueryPage (newest) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, page.sort_at AS sortKey FROM (SELECT a.id AS id, a.listed_at AS sort_at FROM articles a
  WHERE a.listed_at IS NOT NULL
  ORDER BY a.listed_at DESC, a.id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findQueryPage (newest) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, page.sort_at AS sortKey FROM (SELECT a.id AS id, a.listed_at AS sort_at FROM articles a
  WHERE a.listed_at IS NOT NULL
  ORDER BY a.listed_at DESC, a.id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findQueryPage (updated, after a cursor) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, (SELECT COUNT(*) FROM favorites vfa WHERE vfa.article_id = a.id AND vfa.user_id = ?) AS favorited, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = a.author_id AND vf.follower_id = ?) AS following, page.sort_at AS sortKey FROM (SELECT a.id AS id, a.updated_at AS sort_at FROM articles a
  WHERE a.listed_at IS NOT NULL AND a.updated_at <= ? AND (a.updated_at < ? OR a.id < ?)
  ORDER BY a.updated_at DESC, a.id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findQueryPage (updated, after a cursor) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, (SELECT COUNT(*) FROM favorites vfa WHERE vfa.article_id = a.id AND vfa.user_id = ?) AS favorited, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = a.author_id AND vf.follower_id = ?) AS following, page.sort_at AS sortKey FROM (SELECT a.id AS id, a.updated_at AS sort_at FROM articles a
  WHERE a.listed_at IS NOT NULL AND a.updated_at <= ? AND (a.updated_at < ? OR a.id < ?)
  ORDER BY a.updated_at DESC, a.id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findQueryPage (most favorited) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, page.sort_at AS sortKey FROM (SELECT a.id AS id, a.favorites_count AS sort_at FROM articles a
  WHERE a.listed_at IS NOT NULL AND a.favorites_count <= ? AND (a.favorites_count < ? OR a.id < ?)
  ORDER BY a.favorites_count DESC, a.id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findQueryPage (most favorited) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, page.sort_at AS sortKey FROM (SELECT a.id AS id, a.favorites_count AS sort_at FROM articles a
  WHERE a.listed_at IS NOT NULL AND a.favorites_count <= ? AND (a.favorites_count < ? OR a.id < ?)
  ORDER BY a.favorites_count DESC, a.id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findQueryPage (several authors, tags all, date ranges) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, page.sort_at AS sortKey FROM (SELECT a.id AS id, a.listed_at AS sort_at FROM articles a
  WHERE a.listed_at IS NOT NULL AND a.author_id IN (SELECT au.id FROM users au WHERE au.username IN (?, ?)) AND a.id IN (SELECT l.article_id FROM article_tags l INNER JOIN tags t ON t.id = l.tag_id
  WHERE t.name IN (?, ?) GROUP BY l.article_id HAVING MAX(CASE WHEN t.name = ? THEN 1 ELSE 0 END) = 1 AND MAX(CASE WHEN t.name = ? THEN 1 ELSE 0 END) = 1) AND a.created_at >= ? AND a.created_at < ? AND a.updated_at >= ?
  ORDER BY a.listed_at ASC, a.id ASC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at ASC, page.id ASC;

-- ArticlesRepository.findQueryPage (several authors, tags all, date ranges) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, page.sort_at AS sortKey FROM (SELECT a.id AS id, a.listed_at AS sort_at FROM articles a
  WHERE a.listed_at IS NOT NULL AND a.author_id IN (SELECT au.id FROM users au WHERE au.username IN (?, ?)) AND a.id IN (SELECT l.article_id FROM article_tags l INNER JOIN tags t ON t.id = l.tag_id
  WHERE t.name IN (?, ?) GROUP BY l.article_id HAVING MAX(CASE WHEN t.name = ? THEN 1 ELSE 0 END) = 1 AND MAX(CASE WHEN t.name = ? THEN 1 ELSE 0 END) = 1) AND a.created_at >= ? AND a.created_at < ? AND a.updated_at >= ?
  ORDER BY a.listed_at ASC, a.id ASC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at ASC, page.id ASC;

-- ArticlesRepository.findQueryPage (search by relevance, second page) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, page.sort_at AS sortKey, page.total AS articlesCount FROM (SELECT id, sort_at, total FROM (SELECT id, sort_at, COUNT(*) OVER () AS total
  FROM (SELECT a.id AS id, (3 * MATCH(s.title_terms) AGAINST (? IN BOOLEAN MODE) + MATCH(s.title_terms, s.body_terms) AGAINST (? IN BOOLEAN MODE)) AS sort_at FROM article_search s INNER JOIN articles a ON a.id = s.article_id
  WHERE MATCH(s.title_terms, s.body_terms) AGAINST (? IN BOOLEAN MODE) AND a.listed_at IS NOT NULL AND a.id IN (SELECT l.article_id FROM article_tags l INNER JOIN tags t ON t.id = l.tag_id
  WHERE t.name IN (?))) scored) matches
  ORDER BY sort_at DESC, id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.findQueryPage (search by relevance, second page) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, page.sort_at AS sortKey, page.total AS articlesCount FROM (SELECT id, sort_at, total FROM (SELECT id, sort_at, COUNT(*) OVER () AS total
  FROM (SELECT a.id AS id, -bm25(article_search, 3.0, 1.0) AS sort_at FROM article_search s INNER JOIN articles a ON a.id = s.rowid
  WHERE s.article_search MATCH ? AND a.listed_at IS NOT NULL AND a.id IN (SELECT l.article_id FROM article_tags l INNER JOIN tags t ON t.id = l.tag_id
  WHERE t.name IN (?))) scored) matches
  ORDER BY sort_at DESC, id DESC LIMIT ? OFFSET ?) page
  INNER JOIN articles a ON a.id = page.id INNER JOIN users u ON u.id = a.author_id
  ORDER BY page.sort_at DESC, page.id DESC;

-- ArticlesRepository.countQuery (authors)
SELECT COUNT(*) AS count FROM articles a WHERE a.listed_at IS NOT NULL AND a.author_id IN (SELECT au.id FROM users au WHERE au.username IN (?, ?));

-- ArticlesRepository.countQuery (search) [mysql, mariadb]
SELECT COUNT(*) AS count FROM article_search s INNER JOIN articles a ON a.id = s.article_id WHERE MATCH(s.title_terms, s.body_terms) AGAINST (? IN BOOLEAN MODE) AND a.listed_at IS NOT NULL;

-- ArticlesRepository.countQuery (search) [sqlite]
SELECT COUNT(*) AS count FROM article_search s INNER JOIN articles a ON a.id = s.rowid WHERE s.article_search MATCH ? AND a.listed_at IS NOT NULL;

-- ArticlesRepository.findBySlug (anonymous) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, a.body AS body FROM articles a INNER JOIN users u ON u.id = a.author_id
  WHERE a.slug = ? AND a.deleted_at IS NULL;

-- ArticlesRepository.findBySlug (anonymous) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, 0 AS favorited, 0 AS following, a.body AS body FROM articles a INNER JOIN users u ON u.id = a.author_id
  WHERE a.slug = ? AND a.deleted_at IS NULL;

-- ArticlesRepository.findBySlug (signed in) [mysql, mariadb]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT GROUP_CONCAT(HEX(t.name) ORDER BY lt.position SEPARATOR ',') FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, (SELECT COUNT(*) FROM favorites vfa WHERE vfa.article_id = a.id AND vfa.user_id = ?) AS favorited, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = a.author_id AND vf.follower_id = ?) AS following, a.body AS body FROM articles a INNER JOIN users u ON u.id = a.author_id
  WHERE a.slug = ? AND a.deleted_at IS NULL;

-- ArticlesRepository.findBySlug (signed in) [sqlite]
SELECT a.id AS id, a.slug AS slug, a.title AS title, a.description AS description,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.author_id AS authorId, a.status AS status,
  a.published_at AS publishedAt, a.publish_at AS publishAt, a.unpublish_at AS unpublishAt,
  u.username AS authorUsername, u.bio AS authorBio, u.image AS authorImage,
  a.favorites_count AS favoritesCount,
  (SELECT group_concat(HEX(t.name), ',' ORDER BY lt.position) FROM article_tags lt
  INNER JOIN tags t ON t.id = lt.tag_id WHERE lt.article_id = a.id) AS tagNames, (SELECT COUNT(*) FROM favorites vfa WHERE vfa.article_id = a.id AND vfa.user_id = ?) AS favorited, (SELECT COUNT(*) FROM follows vf WHERE vf.following_id = a.author_id AND vf.follower_id = ?) AS following, a.body AS body FROM articles a INNER JOIN users u ON u.id = a.author_id
  WHERE a.slug = ? AND a.deleted_at IS NULL;

-- ArticlesRepository.findIdBySlug
SELECT id, status, author_id AS authorId FROM articles WHERE slug = ? AND deleted_at IS NULL;

-- ArticlesRepository.findStoredBySlug
SELECT id, slug, title, description, body, author_id AS authorId, created_at AS createdAt,
  updated_at AS updatedAt, status, published_at AS publishedAt, listed_at AS listedAt, publish_at AS publishAt,
  unpublish_at AS unpublishAt, edited_by AS editedBy, deleted_at AS deletedAt, deleted_by AS deletedBy FROM articles WHERE slug = ?;

-- ArticlesRepository.findStoredForUpdate [mysql, mariadb]
SELECT id, slug, title, description, body, author_id AS authorId, created_at AS createdAt,
  updated_at AS updatedAt, status, published_at AS publishedAt, listed_at AS listedAt, publish_at AS publishAt,
  unpublish_at AS unpublishAt, edited_by AS editedBy, deleted_at AS deletedAt, deleted_by AS deletedBy FROM articles WHERE id = ? FOR UPDATE;

-- ArticlesRepository.findStoredForUpdate [sqlite]
SELECT id, slug, title, description, body, author_id AS authorId, created_at AS createdAt,
  updated_at AS updatedAt, status, published_at AS publishedAt, listed_at AS listedAt, publish_at AS publishAt,
  unpublish_at AS unpublishAt, edited_by AS editedBy, deleted_at AS deletedAt, deleted_by AS deletedBy FROM articles WHERE id = ?;

-- ArticlesRepository.setWorkflow
UPDATE articles SET status = ?, published_at = ?, listed_at = ?, publish_at = ?, unpublish_at = ? WHERE id = ?;

-- ArticlesRepository.isSlugTakenByAnother
SELECT 1 AS taken FROM articles WHERE slug = ? AND id <> ?;

-- ArticlesRepository.insert
INSERT INTO articles (slug, title, description, body, author_id, edited_by, created_at, updated_at, status,
  published_at, listed_at, publish_at, unpublish_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- ArticlesRepository.update
UPDATE articles SET slug = ?, title = ?, body = ?, updated_at = ?, edited_by = ? WHERE id = ?;

-- ArticlesRepository.lock [mysql, mariadb]
SELECT 1 AS found FROM articles WHERE id = ? AND deleted_at IS NULL FOR UPDATE;

-- ArticlesRepository.lock [sqlite]
SELECT 1 AS found FROM articles WHERE id = ? AND deleted_at IS NULL;

-- ArticlesRepository.addToFavoritesCount
UPDATE articles SET favorites_count = favorites_count + ? WHERE id = ?;

-- ArticlesRepository.setTrashed (to the trash)
UPDATE articles SET deleted_at = ?, deleted_by = ? WHERE id = ?;

-- ArticlesRepository.setTrashed (out)
UPDATE articles SET deleted_at = ?, deleted_by = ? WHERE id = ?;

-- ArticlesRepository.uncountAuthor
UPDATE article_totals SET articles = articles -
  (SELECT COUNT(*) FROM articles WHERE author_id = ? AND listed_at IS NOT NULL)
  WHERE shard = ?;

-- ArticlesRepository.uncountFavoritesOf
UPDATE articles SET favorites_count = favorites_count - 1
  WHERE id IN (SELECT article_id FROM favorites WHERE user_id = ?);

-- ArticlesRepository.addToTotal
UPDATE article_totals SET articles = articles + ? WHERE shard = ?;
