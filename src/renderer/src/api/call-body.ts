/**
 * A call's body: JSON, and when the input holds bytes (an upload), the JSON followed by each file's raw bytes with
 * their lengths in `X-ScoreDesk-Parts` (src/main/web/body.ts). Bytes never go through base64: a 200 MB export is
 * sent as it is, and the host slices it without decoding anything.
 */
export function encodeCallBody(input: unknown): { body: string | Blob; headers: Record<string, string> } {
  const parts: Uint8Array[] = [];
  const json = JSON.stringify(input ?? {}, (_k, v: unknown) => {
    if (v instanceof Uint8Array) {
      parts.push(v);
      return { $part: parts.length - 1 };
    }
    return v;
  });
  if (parts.length === 0) return { body: json, headers: { 'Content-Type': 'application/json' } };
  const head = new TextEncoder().encode(json);
  return {
    body: new Blob([head, ...(parts as Uint8Array<ArrayBuffer>[])]),
    headers: {
      'Content-Type': 'application/octet-stream',
      'X-ScoreDesk-Parts': [head.length, ...parts.map((p) => p.length)].join(','),
    },
  };
}
