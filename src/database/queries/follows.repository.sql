-- The SQL of users/follows.repository.ts, written by `npm run sql:snapshots` from its @GenerateSql examples. Do not edit.

-- FollowsRepository.insert [mysql, mariadb]
INSERT IGNORE INTO follows (follower_id, following_id, created_at) VALUES (?, ?, ?);

-- FollowsRepository.insert [sqlite]
INSERT OR IGNORE INTO follows (follower_id, following_id, created_at) VALUES (?, ?, ?);

-- FollowsRepository.delete
DELETE FROM follows WHERE follower_id = ? AND following_id = ?;

-- FollowsRepository.exists
SELECT 1 AS found FROM follows WHERE follower_id = ? AND following_id = ?;

-- FollowsRepository.findFollowedAuthors
SELECT fu.id AS id, fu.articles_count AS articles FROM follows fo
  INNER JOIN users fu ON fu.id = fo.following_id WHERE fo.follower_id = ?;
