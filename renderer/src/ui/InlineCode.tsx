/** Core messages quote file names in `backticks`; show those as code, the rest as text. */
export function InlineCode({ text }: { text: string }) {
  const parts = text.split('`');
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}
