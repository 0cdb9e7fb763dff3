// OData string literals for Defender's $filter: quotes doubled, as OData v4 requires.
// https://learn.microsoft.com/defender-endpoint/api/exposed-apis-odata-samples

export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
