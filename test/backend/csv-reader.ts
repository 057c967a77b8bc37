// An independent reader of the app's CSV files for tests: RFC 4180 with ';' between fields and CRLF between
// records; each field as written, quotes undone. Deliberately not the app's own code.

/** The records of a CSV text, each a list of fields. */
export function csvRecords(text: string): string[][] {
  const out: string[][] = [];
  let rec: string[] = [];
  let f = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (f += '"'), i++;
      else if (ch === '"') quoted = false;
      else f += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') rec.push(f), (f = '');
    else if (ch === '\r' && text[i + 1] === '\n') rec.push(f), out.push(rec), (rec = []), (f = ''), i++;
    else f += ch;
  }
  if (f !== '' || rec.length) rec.push(f), out.push(rec);
  return out;
}
