// Search snippets mark their matches with U+0002 … U+0003. They become <mark> elements built by
// React, so text from the case is never parsed as HTML.
import { snippetParts } from '../../../electron/schema/search';

export function HighlightedSnippet({ text }: { text: string }) {
  return (
    <>
      {snippetParts(text).map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of one snippet never reorder
        part.highlighted ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  );
}
