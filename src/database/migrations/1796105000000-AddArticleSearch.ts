import { MigrationInterface, QueryRunner } from 'typeorm';
import { indexText } from '../../content/search/search-text';
import { engineOf } from '../engine';

const BATCH = 500;

/**
 * Full-text search: article_search holds each article's title and text as search-text.ts folds them (one row per
 * article), under InnoDB FULLTEXT indexes (the title alone, for its weight, and title with text) on MySQL/MariaDB
 * and as an FTS5 table (rowid = the article's id) on SQLite. A row goes with its article: a cascading foreign key,
 * or on SQLite (a virtual table has none) a trigger. Every existing article is indexed here.
 */
export class AddArticleSearch1796105000000 implements MigrationInterface {
  name = 'AddArticleSearch1796105000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const sqlite = engineOf(queryRunner.connection) === 'sqlite';
    if (sqlite) {
      await queryRunner.query(
        "CREATE VIRTUAL TABLE article_search USING fts5(title_terms, body_terms, tokenize = 'unicode61 remove_diacritics 0')",
      );
      await queryRunner.query(
        'CREATE TRIGGER article_search_gone AFTER DELETE ON articles BEGIN DELETE FROM article_search WHERE rowid = old.id; END',
      );
    } else {
      await queryRunner.query(
        `CREATE TABLE article_search (
           article_id int NOT NULL PRIMARY KEY,
           title_terms text NOT NULL,
           body_terms mediumtext NOT NULL,
           FULLTEXT INDEX FT_article_search_title (title_terms),
           FULLTEXT INDEX FT_article_search_text (title_terms, body_terms),
           CONSTRAINT FK_article_search_article FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE
         ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
      );
    }
    const insert = `INSERT INTO article_search (${sqlite ? 'rowid' : 'article_id'}, title_terms, body_terms) VALUES `;
    for (let after = 0; ;) {
      type Row = { id: number; title: string; description: string; body: string };
      const rows = (await queryRunner.query(
        'SELECT id, title, description, body FROM articles WHERE id > ? ORDER BY id LIMIT ?',
        [after, BATCH],
      )) as Row[];
      if (rows.length === 0) break;
      await queryRunner.query(
        insert + rows.map(() => '(?, ?, ?)').join(', '),
        rows.flatMap((row) => [row.id, indexText(row.title), indexText(`${row.description}\n${row.body}`)]),
      );
      after = Number(rows[rows.length - 1].id);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (engineOf(queryRunner.connection) === 'sqlite')
      await queryRunner.query('DROP TRIGGER article_search_gone');
    await queryRunner.query('DROP TABLE article_search');
  }
}
