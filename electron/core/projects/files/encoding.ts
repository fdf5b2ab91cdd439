// Text saved in an encoding we can't edit in place. Windows PowerShell 5.1 writes UTF-16 for
// `echo X > .env`; its zero bytes would otherwise make the file look binary.

export const UTF16_ADVICE = 'saved as UTF-16; save it as UTF-8 (in Notepad: File → Save as → Encoding: UTF-8)';

/** Why these bytes can't be edited as UTF-8 text, when it's their encoding. */
export function encodingProblem(bytes: Uint8Array): string | undefined {
  const [a, b] = bytes;
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return UTF16_ADVICE;
  return undefined;
}
