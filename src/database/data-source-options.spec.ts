import { resolve } from 'node:path';
import { buildDataSourceOptions, describeDatabase } from './data-source-options';

describe('describeDatabase', () => {
  it('should mask the password and drop the query of a server URL', () => {
    const options = buildDataSourceOptions(
      'mariadb://folio:s3cr%40t@db.internal:3307/folio?connectionLimit=5',
    );
    expect(describeDatabase(options)).toBe('mariadb://folio:***@db.internal:3307/folio');
  });

  it('should name the default port and a user without a password as they are', () => {
    expect(describeDatabase(buildDataSourceOptions('mysql://root@127.0.0.1/folio'))).toBe(
      'mysql://root@127.0.0.1:3306/folio',
    );
  });

  it('should give the absolute path of an SQLite file, and :memory: as it is', () => {
    expect(describeDatabase(buildDataSourceOptions('sqlite:data/x.sqlite'))).toBe(resolve('data/x.sqlite'));
    expect(describeDatabase(buildDataSourceOptions('sqlite::memory:'))).toBe(':memory:');
  });
});
