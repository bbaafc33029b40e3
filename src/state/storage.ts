/**
 * What Kohort remembers between visits, in this browser's own storage only (the Origin Private
 * File System): the dropped files, how each was read, the settings. Never sent anywhere.
 *   kohort/state.json        datasets, their files' reading choices, settings, the active dataset
 *   kohort/files/<sourceId>  a copy of each dropped file
 */
import type { Overrides } from '../engine/ingest/types';

export interface StoredSource {
  id: string;
  fileName: string;
  bytes: number;
  /** The reading choices in force (detected or changed by the user), re-applied on restore. */
  overrides: Overrides;
}

export interface StoredDataset {
  id: string;
  sources: StoredSource[];
}

export interface StoredState {
  version: 1;
  /** Settings as the URL query (see url.ts). */
  settings: string;
  timeZone: string | null;
  active: string | null;
  datasets: StoredDataset[];
}

const ROOT = 'kohort';

async function root(create: boolean): Promise<FileSystemDirectoryHandle | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return null;
  try {
    const opfs = await navigator.storage.getDirectory();
    return await opfs.getDirectoryHandle(ROOT, { create });
  } catch {
    return null;
  }
}

async function filesDir(create: boolean): Promise<FileSystemDirectoryHandle | null> {
  const r = await root(create);
  if (!r) return null;
  try {
    return await r.getDirectoryHandle('files', { create });
  } catch {
    return null;
  }
}

export async function storageAvailable(): Promise<boolean> {
  return (await root(true)) !== null;
}

/** Copies a dropped file into storage (streamed: a large file never sits whole in memory). */
export async function storeFile(sourceId: string, file: File): Promise<void> {
  const dir = await filesDir(true);
  if (!dir) return;
  const handle = await dir.getFileHandle(sourceId, { create: true });
  const writable = await handle.createWritable();
  await file.stream().pipeTo(writable);
}

export async function readStoredFile(sourceId: string, fileName: string): Promise<File | null> {
  const dir = await filesDir(false);
  if (!dir) return null;
  try {
    const f = await (await dir.getFileHandle(sourceId)).getFile();
    return new File([f], fileName, { type: f.type });
  } catch {
    return null;
  }
}

export async function removeStoredFile(sourceId: string): Promise<void> {
  const dir = await filesDir(false);
  await dir?.removeEntry(sourceId).catch(() => undefined);
}

export async function saveState(state: StoredState): Promise<void> {
  const r = await root(true);
  if (!r) return;
  const w = await (await r.getFileHandle('state.json', { create: true })).createWritable();
  await w.write(JSON.stringify(state));
  await w.close();
}

export async function loadState(): Promise<StoredState | null> {
  const r = await root(false);
  if (!r) return null;
  try {
    const text = await (await (await r.getFileHandle('state.json')).getFile()).text();
    const s = JSON.parse(text) as StoredState;
    return s.version === 1 ? s : null;
  } catch {
    return null;
  }
}

/** Everything Kohort stored in this browser, with sizes. */
export async function storedFiles(): Promise<{ name: string; bytes: number }[]> {
  const dir = await filesDir(false);
  if (!dir) return [];
  const out: { name: string; bytes: number }[] = [];
  for await (const [name, handle] of dir.entries()) {
    if (handle.kind === 'file') out.push({ name, bytes: (await (handle as FileSystemFileHandle).getFile()).size });
  }
  return out;
}

/** Removes every stored file and setting. */
export async function forgetAll(): Promise<void> {
  if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return;
  const opfs = await navigator.storage.getDirectory();
  await opfs.removeEntry(ROOT, { recursive: true }).catch(() => undefined);
}
