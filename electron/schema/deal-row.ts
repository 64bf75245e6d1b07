// What a deal looks like wherever it is one row among others (an actor's deals, the network, the
// timeline, the evidence matrix): the fields that identify it to a reader, without its value or
// summary. One shape, so a column added to those rows is added once.
import type { Deal } from './records';

export const dealRowFields = ['id', 'title', 'technology', 'country', 'status', 'year'] as const;
export type DealRow = Pick<Deal, (typeof dealRowFields)[number]>;

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
