import { PathText } from './PathText';

/** Core messages quote file names in `backticks`; show those as code (wrapping at `/`), the rest as text. */
export function InlineCode({ text }: { text: string }) {
  const parts = text.split('`');
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="break">
            <PathText path={part} />
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}
