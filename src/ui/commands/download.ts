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
