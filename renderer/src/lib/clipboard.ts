/**
 * Clipboard writes can be refused (no permission, no focus, a locked-down page). Callers fall
 * back to showing the text selected in a read-only field, so Ctrl+C always works.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
