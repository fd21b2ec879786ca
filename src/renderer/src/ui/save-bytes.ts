/** Saves bytes as a download: the browser host downloads the file; Electron shows its save dialog for downloads. */
export function saveBytes(name: string, bytes: Uint8Array): void {
  const blob = new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // revoke later: some browsers start the download asynchronously
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
