// The ids of the sections added through extensions.ts, apart from their views so that naming a
// section (a link to it, the navigation entry) never loads the section's code.
export const PICTURES_SECTION = 'pictures';
export const IMPORT_SECTION = 'import';
export const EXPORT_SECTION = 'export';
export const TRASH_SECTION = 'trash';
