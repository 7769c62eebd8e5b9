/** One CSV field, quoted per RFC 4180 when it holds a comma, quote or line break. */
export function csvField(value: string | number | boolean): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV line from fields. */
export function csvRow(fields: readonly (string | number | boolean)[]): string {
  return fields.map(csvField).join(',');
}
