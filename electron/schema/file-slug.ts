// File names the user did not type (exports, reports, downloads) made from a case's or a record's
// title: plain ASCII, lower case, dashes, so they survive every file system and archive tool.

/** "Central Asia deals" → "central-asia-deals"; "Société Générale" → "societe-generale"; "" → "case". */
export function fileSlug(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'case';
}
