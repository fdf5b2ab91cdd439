import { Fragment } from 'react';

/**
 * A file path that may wrap after each `/` instead of mid-word (`setting|s.py`). Text copied
 * from it is unchanged: <wbr> adds no characters.
 */
export function PathText({ path }: { path: string }) {
  const parts = path.split('/');
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? (
            <>
              /<wbr />
            </>
          ) : null}
        </Fragment>
      ))}
    </>
  );
}
