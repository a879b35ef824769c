/**
 * Strict base64 for keys and signatures. Node's decoder skips characters it does not know and
 * accepts missing padding, so two different strings can decode to the same bytes; a stored
 * signature or key is accepted only in its one canonical spelling, and only at the expected size.
 */
export function decodeBase64Exact(text: string, expectedBytes?: number): Buffer | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) return null;
  if (expectedBytes !== undefined && bytes.length !== expectedBytes) return null;
  return bytes;
}
