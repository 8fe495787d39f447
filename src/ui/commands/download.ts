// Saves text as a file through the browser's download (no server: the file never leaves the machine).

export type SaveFile = (fileName: string, text: string, mime: string) => void;

function download(fileName: string, part: BlobPart, mime: string): void {
  const url = URL.createObjectURL(new Blob([part], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const downloadText: SaveFile = (fileName, text, mime) => download(fileName, text, mime);

/** Saves bytes (a capture file) through the browser's download. */
export const downloadBytes = (fileName: string, bytes: Uint8Array, mime: string): void => download(fileName, bytes as BlobPart, mime);

/**
 * A file name from a network's (or a link's) name: letters of any script, digits, `_ . -` kept,
 * anything else (spaces, `/`, `:`) a `_`; 'network' when nothing is left.
 */
export const fileSafe = (name: string): string => name.trim().replace(/[^\p{L}\p{N}_.-]+/gu, '_').replace(/^[_.]+|_+$/g, '') || 'network';

/**
 * containerlab's lab name: it prefixes every container's name (`clab-NAME-h1`), which Docker
 * allows only in ASCII letters, digits and `_ . -`.
 */
export const clabLabName = (name: string): string => name.trim().replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-_.]+|-+$/g, '') || 'network';
