import { MigrationInterface, QueryRunner } from 'typeorm';
import { isSqlite } from '../engine';

/**
 * Slugs compare exactly on MySQL/MariaDB too, so that `WHERE slug = ?` finds one article by one address: a binary
 * collation without trailing-space padding (MariaDB's utf8mb4_nopad_bin, MySQL 8's utf8mb4_0900_bin), where
 * utf8mb4_unicode_ci also matched other cases and accents. SQLite compares text exactly already.
 * Going back fails if two slugs that differ only by case or accent were written meanwhile (the unique index).
 */
export class ExactArticleSlugs1764600000000 implements MigrationInterface {
  name = 'ExactArticleSlugs1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (isSqlite(queryRunner.connection)) return;
    await setSlugCollation(queryRunner, await exactCollation(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (isSqlite(queryRunner.connection)) return;
    await setSlugCollation(queryRunner, 'utf8mb4_unicode_ci');
  }
}

/** The server's binary utf8mb4 collation without padding, whichever of MySQL or MariaDB it is. */
async function exactCollation(queryRunner: QueryRunner): Promise<string> {
  const rows = (await queryRunner.query(
    "SELECT COLLATION_NAME AS name FROM information_schema.COLLATIONS WHERE COLLATION_NAME IN ('utf8mb4_0900_bin', 'utf8mb4_nopad_bin')",
  )) as { name: string }[];
  const available = rows.map((row) => row.name);
  if (available.includes('utf8mb4_0900_bin')) return 'utf8mb4_0900_bin';
  if (available.includes('utf8mb4_nopad_bin')) return 'utf8mb4_nopad_bin';
  return 'utf8mb4_bin';
}

async function setSlugCollation(queryRunner: QueryRunner, collation: string): Promise<void> {
  await queryRunner.query(
    `ALTER TABLE \`articles\` MODIFY \`slug\` VARCHAR(255) CHARACTER SET utf8mb4 COLLATE ${collation} NOT NULL`,
  );
}
