#!/usr/bin/env node
/**
 * The hostile-file corpus: awkward and broken exports that Kohort must either analyse
 * correctly or refuse with a clear message. Small files are committed under
 * test/fixtures/hostile/ (this script is how they were made); large ones are written
 * to test/fixtures/hostile/generated/ (gitignored) on demand.
 *
 *   node scripts/make-hostile.mjs            # both
 *   node scripts/make-hostile.mjs --large    # only the generated ones (tests call this)
 *
 * The 2 GB file is never written: the end-to-end test builds it in the page from a
 * repeated Blob.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, gzipSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));
export const HOSTILE_DIR = resolve(HERE, '../test/fixtures/hostile');
export const GENERATED_DIR = join(HOSTILE_DIR, 'generated');

const utf8 = (s) => Buffer.from(s, 'utf8');
const lines = (rows, eol = '\n') => rows.join(eol) + eol;

/** Day `d` (0-based) after 2024-01-01 as yyyy-mm-dd. */
function day(d) {
  return new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
}

/** A small orders file: customers C1..C4 over Jan–Apr 2024, 8 rows, revenue 100. */
function ordersRows() {
  return [
    ['C1', '2024-01-05', '10.00'],
    ['C2', '2024-01-20', '15.00'],
    ['C1', '2024-02-03', '5.00'],
    ['C3', '2024-02-14', '20.00'],
    ['C2', '2024-03-01', '12.50'],
    ['C4', '2024-03-09', '7.50'],
    ['C1', '2024-04-02', '20.00'],
    ['C3', '2024-04-11', '10.00'],
  ];
}
const ORDERS = lines(['customer_id,order_date,amount', ...ordersRows().map((r) => r.join(','))]);

// --- binary signatures --------------------------------------------------------

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A real ZIP archive (deflated entries) holding `entries` { name: text }. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = utf8(text);
    const packed = deflateRawSync(data);
    const nameBytes = utf8(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = Object.keys(entries).length;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const XLSX = {
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
  'xl/workbook.xml':
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Orders" sheetId="1"/></sheets></workbook>',
  'xl/worksheets/sheet1.xml':
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>customer</t></is></c></row></sheetData></worksheet>',
};

// --- encodings ----------------------------------------------------------------

function utf16(text, bigEndian) {
  const le = Buffer.from('\ufeff' + text, 'utf16le');
  if (!bigEndian) return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1] ?? 0;
    be[i + 1] = le[i] ?? 0;
  }
  return be;
}

/** Windows-1252: Latin-1 plus € (0x80) and the curly quotes. */
function cp1252(text) {
  const out = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '€') out.push(0x80);
    else if (ch === '“') out.push(0x93);
    else if (ch === '”') out.push(0x94);
    else if (code < 256) out.push(code);
    else throw new Error(`not in cp1252: ${ch}`);
  }
  return Buffer.from(out);
}

// --- the small corpus ---------------------------------------------------------

/** File name → bytes. Each is described next to its expected outcome in test/e2e/hostile.e2e.ts. */
export function smallFiles() {
  const f = {};
  f['empty.csv'] = Buffer.alloc(0);
  f['header-only.csv'] = utf8('customer_id,order_date,amount\n');
  f['bom-only.csv'] = Buffer.from([0xef, 0xbb, 0xbf]);
  f['one-column.csv'] = utf8(lines(['customer_id', 'C1', 'C2', 'C3', 'C1']));
  f['png-renamed.csv'] = PNG_1x1;
  f['zip-renamed.csv'] = zip({ 'orders.csv': ORDERS });
  f['xlsx-renamed.csv'] = zip(XLSX);
  f['gzip-renamed.csv'] = gzipSync(utf8(ORDERS));
  f['utf16le-bom.csv'] = utf16(lines(['klant;datum;bedrag', 'Zoë;05-01-2024;12,50', 'Chloé;06-01-2024;7,50', 'Zoë;02-02-2024;5,00'], '\r\n'), false);
  f['utf16be-bom.csv'] = utf16(lines(['klant;datum;bedrag', 'Zoë;05-01-2024;12,50', 'Chloé;06-01-2024;7,50', 'Zoë;02-02-2024;5,00'], '\r\n'), true);
  f['windows-1252-euro.csv'] = cp1252(
    lines(['klant;datum;bedrag;opmerking', 'Renée;05-01-2024;€ 12,50;café', 'Zoë;06-01-2024;€ 7,50;“top”', 'Renée;03-02-2024;€ 1.000,00;geen'], '\r\n'),
  );
  // Three kinds of line ending: \r\n, \n and a lone \r (old Mac).
  f['mixed-line-endings.csv'] = utf8('customer_id,order_date,amount\r\nC1,2024-01-05,10.00\nC2,2024-01-20,15.00\r\nC1,2024-02-03,5.00\rC3,2024-02-14,20.00\n');
  f['unterminated-quote.csv'] = utf8(
    lines(['customer_id,order_date,amount,note', 'C1,2024-01-05,10.00,ok', 'C2,2024-01-20,15.00,"starts a quote', 'C1,2024-02-03,5.00,never closed', 'C3,2024-02-14,20.00,ok']),
  );
  f['dates-unparseable.csv'] = utf8(lines(['customer_id,order_date,amount', 'C1,yesterday,10.00', 'C2,n/a,15.00', 'C3,soon,5.00', 'C1,TBD,20.00']));
  // Six ISO dates, two dd/mm/yyyy: the column reads as ISO and the other two are reported.
  f['dates-two-formats.csv'] = utf8(
    lines([
      'customer_id,order_date,amount',
      'C1,2024-01-05,10.00',
      'C2,2024-01-20,15.00',
      'C1,2024-02-03,5.00',
      'C3,2024-02-14,20.00',
      'C2,2024-03-01,12.50',
      'C4,2024-03-09,7.50',
      'C1,02/04/2024,20.00',
      'C3,11/04/2024,10.00',
    ]),
  );
  f['future-dates.csv'] = utf8(lines(['customer_id,order_date,amount', 'C1,2031-01-05,10.00', 'C2,2031-01-20,15.00', 'C1,2031-02-03,5.00', 'C3,2031-03-14,20.00']));
  f['dates-before-1900.csv'] = utf8(lines(['customer_id,order_date,amount', 'C1,1850-01-05,10.00', 'C2,1850-01-20,15.00', 'C1,1850-02-03,5.00', 'C3,1850-03-14,20.00']));
  f['ids-all-empty.csv'] = utf8(lines(['customer_id,order_date,amount', ',2024-01-05,10.00', ',2024-01-20,15.00', ',2024-02-03,5.00', ',2024-02-14,20.00']));
  f['single-customer.csv'] = utf8(lines(['customer_id,order_date,amount', 'C1,2024-01-05,10.00', 'C1,2024-02-05,15.00', 'C1,2024-03-05,5.00', 'C1,2024-03-20,20.00']));
  f['single-day.csv'] = utf8(lines(['customer_id,order_date,amount', 'C1,2024-03-05,10.00', 'C2,2024-03-05,15.00', 'C3,2024-03-05,5.00', 'C4,2024-03-05,20.00', 'C1,2024-03-05,2.50']));
  f['duplicate-headers.csv'] = utf8(
    lines(['customer_id,order_date,amount,amount,customer_id', 'C1,2024-01-05,10.00,1,X', 'C2,2024-01-20,15.00,2,Y', 'C1,2024-02-03,5.00,3,Z', 'C3,2024-02-14,20.00,4,W']),
  );
  f['dutch-accented-header.csv'] = utf8(
    lines([
      'Klantnummer;Besteldatum;Totaalbedrag (€);Categorie;Bezorgdatum geschätzt;Opmerkingen één',
      'K1;05-01-2024;12,50;koffie;07-01-2024;geen',
      'K2;20-01-2024;7,50;thee;22-01-2024;café',
      'K1;03-02-2024;20,00;koffie;05-02-2024;',
      'K3;14-02-2024;10,00;thee;16-02-2024;één',
    ]),
  );
  f['currency-euro.csv'] = utf8(lines(['klant;datum;bedrag', 'K1;05-01-2024;€ 12,50', 'K2;20-01-2024;€ 1.234,50', 'K1;03-02-2024;€ 3,00', 'K3;14-02-2024;€ 0,50']));
  f['currency-dollar.csv'] = utf8(lines(['customer,date,amount', 'A1,2024-01-05,"$1,234.00"', 'A2,2024-01-20,$15.50', 'A1,2024-02-03,"$2,000.50"', 'A3,2024-02-14,$0.50']));
  f['negative-amounts-only.csv'] = utf8(lines(['customer_id,order_date,amount', 'C1,2024-01-05,-10.00', 'C2,2024-01-20,-15.00', 'C1,2024-02-03,-5.00', 'C3,2024-02-14,-20.00']));
  f['refunds-only.csv'] = utf8(
    lines(['customer_id,order_date,amount,status', 'C1,2024-01-05,10.00,refund', 'C2,2024-01-20,15.00,refunded', 'C1,2024-02-03,5.00,cancelled', 'C3,2024-02-14,20.00,refund']),
  );
  // Recent dates so every customer is in the Lness window; ids and segments that a spreadsheet would run.
  f['formula-injection.csv'] = utf8(
    lines([
      'customer_id,order_date,amount,channel',
      '"=HYPERLINK(""http://evil"",""x"")",2024-03-01,10.00,=1+1',
      '+cmd,2024-03-02,15.00,@SUM(A1)',
      '@SUM(A1:A9),2024-03-03,5.00,+cmd',
      '-2+3,2024-03-04,20.00,-2+3',
      '"=HYPERLINK(""http://evil"",""x"")",2024-03-01,1.00,=1+1',
      'safe,2024-03-05,2.00,web',
    ]),
  );
  f['nul-byte.csv'] = Buffer.concat([utf8('customer_id,order_date,amount\nC1,2024-01-05,10.00\nC2,2024-01-'), Buffer.from([0]), utf8('20,15.00\nC3,2024-02-14,20.00\n')]);
  f['long-header.csv'] = utf8(lines([`customer_id,order_date,amount,${'x'.repeat(1000)}`, 'C1,2024-01-05,10.00,a', 'C2,2024-01-20,15.00,b', 'C1,2024-02-03,5.00,c']));
  f['trailing-delimiters.csv'] = utf8(lines(['customer_id,order_date,amount,,', 'C1,2024-01-05,10.00,,', 'C2,2024-01-20,15.00,,', 'C1,2024-02-03,5.00,,', 'C3,2024-02-14,20.00,,']));
  f['header-empty-names.csv'] = utf8(lines([',klant,,datum,bedrag', '1,K1,x,2024-01-05,10.00', '2,K2,y,2024-01-20,15.00', '3,K1,z,2024-02-03,5.00', '4,K3,w,2024-02-14,20.00']));
  f['semicolons-in-quoted-amounts.csv'] = utf8(
    lines(['klant,datum,bedrag,notitie', 'K1,05-01-2024,"12,50","a;b;c"', 'K2,20-01-2024,"7,50","x;y"', 'K1,03-02-2024,"1.000,00",";"', 'K3,14-02-2024,"0,50","z;"']),
  );
  f['blank-lines-everywhere.csv'] = utf8('\n\ncustomer_id,order_date,amount\n\nC1,2024-01-05,10.00\n\n\nC2,2024-01-20,15.00\n \nC1,2024-02-03,5.00\n\nC3,2024-02-14,20.00\n\n\n');
  f['tab-quoted-tabs.tsv'] = utf8(
    lines(['customer_id\torder_date\tamount\tnote', 'C1\t2024-01-05\t10.00\t"a\tb"', 'C2\t2024-01-20\t15.00\t"tab\there"', 'C1\t2024-02-03\t5.00\tplain', 'C3\t2024-02-14\t20.00\t"x\t\ty"']),
  );
  f['ids-scientific.csv'] = utf8(lines(['customer_id,order_date,amount', '1.23E+05,2024-01-05,10.00', '4.56E+05,2024-01-20,15.00', '1.23E+05,2024-02-03,5.00', '7.89E+05,2024-02-14,20.00']));
  f['excel-serial-dates.csv'] = utf8(lines(['customer_id,order_date,amount', 'C1,45296,10.00', 'C2,45311,15.00', 'C1,45325,5.00', 'C3,45336,20.00']));
  f['zero-dates.csv'] = utf8(lines(['customer_id,order_date,amount', 'C1,2024-01-05,10.00', 'C2,0000-00-00,15.00', 'C1,2024-02-03,5.00', 'C3,2024-02-14,20.00', 'C4,0000-00-00,1.00']));
  f['impossible-dates.csv'] = utf8(lines(['klant;datum;bedrag', 'K1;05-01-2024;10,00', 'K2;31-02-2024;15,00', 'K1;03-02-2024;5,00', 'K3;14-02-2024;20,00', 'K4;30-02-2024;1,00']));
  f['timezone-plus14.csv'] = utf8(
    lines([
      'customer_id,ordered_at,amount',
      'C1,2024-01-05T00:30:00+14:00,10.00',
      'C2,2024-01-20T23:00:00+14:00,15.00',
      'C1,2024-02-03T12:00:00+14:00,5.00',
      'C3,2024-02-14T09:00:00+14:00,20.00',
    ]),
  );
  f['customers-only.csv'] = utf8(lines(['klantnummer;land;kanaal', 'K1;NL;webshop', 'K2;BE;winkel', 'K3;NL;webshop', 'K4;DE;webshop', 'K5;NL;winkel', 'K6;BE;webshop']));
  f['survey-out-of-range.csv'] = utf8(
    lines(['email,date,nps', 'a@x.nl,2024-01-05,10', 'b@x.nl,2024-01-06,6', 'c@x.nl,2024-01-07,11', 'd@x.nl,2024-01-08,-1', 'e@x.nl,2024-01-09,9', 'f@x.nl,2024-01-10,42']),
  );
  f['subscription-end-before-start.csv'] = utf8(
    lines(['klantnummer;startdatum;einddatum;mrr', 'S1;01-01-2024;;29,00', 'S2;15-03-2024;15-01-2024;49,00', 'S3;01-02-2024;01-05-2024;29,00', 'S4;01-03-2024;01-02-2024;19,00']),
  );
  f["klanten 'Q1' ü.csv"] = utf8(ORDERS);
  f['html-saved-as.csv'] = utf8(
    '<!DOCTYPE html>\n<html><head><title>Orders</title></head><body>\n<table>\n<tr><th>customer</th><th>date</th></tr>\n<tr><td>C1</td><td>2024-01-05</td></tr>\n</table>\n</body></html>\n',
  );
  f['json-saved-as.csv'] = utf8('[\n  {"customer": "C1", "date": "2024-01-05", "amount": 10},\n  {"customer": "C2", "date": "2024-01-20", "amount": 15}\n]\n');
  f['fixed-width.txt'] = utf8(
    lines(['CUSTOMER  ORDER_DATE  AMOUNT', 'C1        20240105     10.00', 'C2        20240120     15.00', 'C1        20240203      5.00', 'C3        20240214     20.00']),
  );
  return f;
}

// --- the generated (large) corpus --------------------------------------------

/** 5,000 columns: customer, date, amount, then 4,997 filler columns; 20 rows. */
function wideFile() {
  const extra = Array.from({ length: 4997 }, (_, i) => `col_${i + 4}`);
  const out = [['customer_id', 'order_date', 'amount', ...extra].join(',')];
  for (let r = 0; r < 20; r++) out.push([`C${(r % 5) + 1}`, day(r * 7), '10.00', ...extra.map((_, i) => String((r + i) % 10))].join(','));
  return utf8(lines(out));
}

/** 60,000 rows; rows 50,001 and 55,000 hold a quoted note with line breaks. */
function quotedNewlinesLate() {
  const out = ['customer_id,order_date,amount,note'];
  for (let r = 1; r <= 60000; r++) {
    const note = r === 50001 || r === 55000 ? '"line one\nline two\r\nline three"' : 'n';
    out.push(`C${r % 1000},${day(r % 365)},1.00,${note}`);
  }
  return utf8(lines(out));
}

/** One 1 MB line (a note) between ordinary rows. */
function veryLongLine() {
  return utf8(lines(['customer_id,order_date,amount,note', 'C1,2024-01-05,10.00,short', `C2,2024-01-20,15.00,${'y'.repeat(1 << 20)}`, 'C1,2024-02-03,5.00,short', 'C3,2024-02-14,20.00,short']));
}

export function largeFiles() {
  return {
    '5000-columns.csv': wideFile,
    'quoted-newlines-after-50000.csv': quotedNewlinesLate,
    'very-long-line.csv': veryLongLine,
  };
}

/** Writes the generated files that are missing (or all with `force`); returns the folder. */
export function ensureGenerated(force = false) {
  mkdirSync(GENERATED_DIR, { recursive: true });
  for (const [name, make] of Object.entries(largeFiles())) {
    const path = join(GENERATED_DIR, name);
    if (force || !existsSync(path)) writeFileSync(path, make());
  }
  return GENERATED_DIR;
}

export function writeSmall() {
  mkdirSync(HOSTILE_DIR, { recursive: true });
  for (const [name, bytes] of Object.entries(smallFiles())) writeFileSync(join(HOSTILE_DIR, name), bytes);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!process.argv.includes('--large')) writeSmall();
  ensureGenerated(true);
  console.log(`hostile corpus written to ${HOSTILE_DIR}`);
}
