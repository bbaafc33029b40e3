/**
 * Windows-1252 and UTF-16 files are transcoded to UTF-8 in JS (DuckDB reads UTF-8
 * only, and the wasm build has no encodings extension). Files with lone carriage
 * returns (old Mac line ends, or mixed ones) get every line end made `\n` the same
 * way: DuckDB's CSV reader stops on them. The file is streamed in chunks through a
 * streaming TextDecoder, so only the UTF-8 result is held whole.
 */
import { decodeCp1252 } from './cp1252';
import type { Encoding } from './types';

export async function transcodeToUtf8(file: Blob, encoding: Encoding, options: { lineEnds?: boolean } = {}): Promise<Uint8Array> {
  const decoder = encoding === 'windows-1252' ? null : new TextDecoder(encoding);
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let total = 0;
  // A CR at the end of a chunk may be the first half of a CRLF: decided with the next chunk.
  let carry = '';
  const push = (piece: string, last = false): void => {
    let text = carry + piece;
    carry = '';
    if (options.lineEnds) {
      if (!last && text.endsWith('\r')) {
        carry = '\r';
        text = text.slice(0, -1);
      }
      text = text.replace(/\r\n?/g, '\n');
    }
    if (!text) return;
    const bytes = encoder.encode(text);
    chunks.push(bytes);
    total += bytes.length;
  };
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    push(decoder ? decoder.decode(value, { stream: true }) : decodeCp1252(value));
  }
  push(decoder ? decoder.decode() : '', true);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
