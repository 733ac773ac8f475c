// The subset of better-sqlite3's API the benchmark uses (the package ships no types and @types is not installed).
declare module 'better-sqlite3' {
  namespace Database {
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }

    interface Statement {
      run(...params: unknown[]): RunResult;
      get(...params: unknown[]): unknown;
      all(...params: unknown[]): unknown[];
    }

    interface Options {
      readonly?: boolean;
      timeout?: number;
    }

    interface Database {
      prepare(sql: string): Statement;
      exec(sql: string): Database;
      pragma(source: string): unknown;
      close(): void;
    }
  }

  const Database: new (path: string, options?: Database.Options) => Database.Database;
  export = Database;
}
