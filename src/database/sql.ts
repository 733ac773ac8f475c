/** A statement and its positional parameters, as the SQL-building functions of the repositories return them. */
export interface Sql {
  text: string;
  params: unknown[];
}
