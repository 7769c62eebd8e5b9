/** Splits CSV text into rows of fields (RFC 4180 quoting; CRLF or LF); blank lines are dropped. */
export declare function parseCsv(text: string): string[][];
