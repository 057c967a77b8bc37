// Saving a file the backend produced (base64) or a JSON value: a Blob and a temporary <a download>.
// Reading a picked file as base64. Runs in the renderer.
const MIME: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
  pdf: 'application/pdf',
};

export function downloadBase64(fileName: string, contentBase64: string): void {
  const binary = atob(contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  saveBlob(fileName, new Blob([bytes], { type: MIME[fileName.split('.').pop() ?? ''] ?? 'application/octet-stream' }));
}

export function downloadJson(fileName: string, value: unknown): void {
  saveBlob(fileName, new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: MIME.json }));
}

function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file's bytes as base64 (without the data: prefix). */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const s = String(reader.result ?? '');
      resolve(s.slice(s.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error(`${file.name} kon niet worden gelezen.`));
    reader.readAsDataURL(file);
  });
}
