import { describe, expect, it } from 'vitest';
import type { Connector } from '../../src/engine/connector';
import { loadFile } from '../../src/engine/dataset';
import { IngestError } from '../../src/engine/ingest/errors';

/** A connector whose engine fails the way DuckDB-WASM does when its heap is full. */
function failing(message: string): Connector {
  const fail = async (): Promise<never> => {
    throw new Error(message);
  };
  return { query: fail, queryDecoded: fail, exec: fail, registerFile: fail, dropFile: async () => undefined, close: async () => undefined };
}

describe('engine errors become messages that name the file and say what to do', () => {
  const file = new File(['klant;datum\nA;01-01-2024\n'], 'orders.csv');

  it('explains a full wasm heap as a memory problem', async () => {
    const e = await loadFile(failing('Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)'), null, file, 'f1', 'UTC', () => {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect((e as IngestError).message).toContain('orders.csv');
    expect((e as IngestError).message).toContain('ran out of memory');
    expect((e as IngestError).hint).toMatch(/shorter period/);
  });

  it('never shows a bare engine message', async () => {
    const e = await loadFile(failing('Parser Error: something odd'), null, file, 'f1', 'UTC', () => {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect((e as IngestError).message).toMatch(/^orders\.csv: the file could not be read as a table \(something odd\)/);
  });
});
