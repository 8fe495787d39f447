// Saves text as a file through the browser's download (no server: the file never leaves the machine).

export type SaveFile = (fileName: string, text: string, mime: string) => void;

export const downloadText: SaveFile = (fileName, text, mime) => {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
