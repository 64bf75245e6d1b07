// What a deal looks like wherever it is one row among others (an actor's deals, the network, the
// timeline, the evidence matrix): the fields that identify it to a reader, without its value or
// summary. One shape, so a column added to those rows is added once.
import type { DealStatus, Technology } from './enums';

export const dealRowFields = ['id', 'title', 'technology', 'country', 'status', 'year'] as const;

/** A deal's identifying fields; records.ts's Deal extends it with its value, summary and stamps. */
export interface DealRow {
  id: string;
  title: string;
  technology: Technology;
  country: string | null;
  status: DealStatus;
  year: number | null;
}

/** The row fields of a deal (or of anything that carries them, such as a joined database row). */
export function toDealRow(deal: DealRow): DealRow {
  return {
    id: deal.id,
    title: deal.title,
    technology: deal.technology,
    country: deal.country,
    status: deal.status,
    year: deal.year,
  };
}
