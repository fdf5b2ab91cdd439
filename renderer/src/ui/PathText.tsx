import { Fragment } from 'react';
import { shownName } from '../lib/shown-name';

/**
 * A file path that may wrap after each `/` instead of mid-word (`setting|s.py`). Text copied
 * from it is unchanged: <wbr> adds no characters. Names in it are shown escaped (see shownName).
 */
export function PathText({ path }: { path: string }) {
  const parts = path.split('/');
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {shownName(part)}
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
