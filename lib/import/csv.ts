/**
 * RFC 4180 CSV: a header row, comma-separated, fields optionally in double quotes (a quote
 * inside doubled, commas and line breaks allowed inside), LF or CRLF, an optional UTF-8 BOM.
 */
export type CsvRecord = { line: number; fields: string[] };

export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let field = "";
  let fields: string[] = [];
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") inQuotes = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (field !== "" || fields.length) endRecord();
  return records;
}

/**
 * A text cell a spreadsheet would run as a formula (OWASP "CSV injection"): one starting with
 * = + - @, tab or CR — or such a cell already escaped with leading apostrophes, so that
 * unescaping one apostrophe on import always gives back the original text.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Text as written to a CSV cell: a formula-like start gets a leading `'` (shown as text). */
export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of neutralizeCell, for the importer: the original text of a cell. */
export function restoreCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;
}

/**
 * One CSV field: text is neutralised against formulas (numbers are written as numbers),
 * quoted when it holds a comma, quote or line break.
 */
export function csvField(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? "" : typeof value === "string" ? neutralizeCell(value) : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: (string | number | null | undefined)[]): string {
  return values.map(csvField).join(",");
}
