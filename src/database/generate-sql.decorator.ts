/** One call of a repository method whose SQL goes into the committed query snapshots. */
export interface SqlExample {
  /** Tells several examples of one method apart (a method whose SQL depends on its arguments). */
  name?: string;
  params: readonly unknown[];
}

const examplesByClass = new Map<object, Map<string, SqlExample[]>>();

/**
 * Marks a repository method for the query snapshots (src/database/queries/): the snapshot test calls it with each
 * example's params for every engine and writes down the SQL it sends, so a reviewer sees what a change sends.
 * Every public method of a repository carries one; a method without parameters needs no example.
 */
export function GenerateSql(...examples: SqlExample[]): MethodDecorator {
  return (prototype, method) => {
    const byMethod = examplesByClass.get(prototype.constructor) ?? new Map<string, SqlExample[]>();
    byMethod.set(String(method), examples.length > 0 ? examples : [{ params: [] }]);
    examplesByClass.set(prototype.constructor, byMethod);
  };
}

export function sqlExamplesOf(repository: object): ReadonlyMap<string, SqlExample[]> {
  return examplesByClass.get(repository) ?? new Map();
}
