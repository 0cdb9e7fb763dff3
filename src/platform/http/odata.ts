// OData v4 string literals for `$filter` values (Graph, Defender, Archer's Content API): the value in
// single quotes, each quote inside doubled. Percent-encoding is the query string's job, not this one's.
// https://docs.oasis-open.org/odata/odata/v4.01/odata-v4.01-part2-url-conventions.html#sec_PrimitiveLiterals

export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
