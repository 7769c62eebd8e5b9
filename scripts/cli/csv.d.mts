/** Splits CSV text into rows of fields (RFC 4180 quoting; CRLF or LF); blank lines are dropped, and what follows a quote never closed. */
export declare function parseCsv(text: string): string[][];
/** CSV records with the line each starts on (1-based); unterminatedAt: the line of a quote left open to the end (the records before it are kept). */
export declare function csvRecords(text: string): { records: { fields: string[]; line: number }[]; unterminatedAt: number | null };
