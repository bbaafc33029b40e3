/**
 * Windows-1252 → string. Written out because Node's TextDecoder('windows-1252')
 * reads 0x80–0x9F as C1 controls (ISO-8859-1) instead of €, ‚, ƒ, … as browsers do;
 * a table keeps both runtimes the same.
 */
const HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

const TABLE = new Uint16Array(256);
for (let i = 0; i < 256; i++) TABLE[i] = i >= 0x80 && i < 0xa0 ? (HIGH[i - 0x80] ?? i) : i;

const utf16 = new TextDecoder('utf-16le');

export function decodeCp1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) units[i] = TABLE[bytes[i] ?? 0] ?? 0;
  return utf16.decode(units);
}
