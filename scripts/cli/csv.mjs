// A small CSV reader shared by the eval script and its tests.

/**
 * Splits CSV text into rows of fields (RFC 4180 quoting; CRLF or LF); blank lines are dropped, and
 * so is what follows a quote never closed (csvRecords says where).
 * @param {string} text
 * @returns {string[][]}
 */
export function parseCsv(text) {
  return csvRecords(text).records.map((r) => r.fields);
}

/**
 * Splits CSV text into records with the line each starts on (1-based), for messages that name a
 * row; a quote left open to the end of the text is reported rather than read as one huge field.
 * Blank lines are dropped.
 * @param {string} text
 * @returns {{ records: { fields: string[], line: number }[], unterminatedAt: number | null }}
 */
export function csvRecords(text) {
  /** @type {{ fields: string[], line: number }[]} */
  const records = [];
  /** @type {string[]} */
  let row = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let quoteLine = 0;
  const end = () => {
    row.push(field);
    if (row.some((f) => f.trim() !== '')) records.push({ fields: row, line: start });
    row = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      quoted = true;
      quoteLine = line;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        i++;
        line++;
      } else if (c === '\r') line++;
      end();
      start = line;
    } else field += c;
  }
  if (quoted) return { records, unterminatedAt: quoteLine };
  if (field !== '' || row.length) end();
  return { records, unterminatedAt: null };
}
