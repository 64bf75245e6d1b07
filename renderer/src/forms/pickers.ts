// The searches behind each record picker: a list method's text filter, a handful of answers.
import { client } from '../client';
import type { PickerOption } from '../components/record-picker';
import { reliabilityLabels, sourceKindLabels, technologyLabels } from '../labels';

export async function searchSources(query: string): Promise<PickerOption[]> {
  const page = await client.sources.list({
    ...(query ? { query } : { sort: { field: 'updated', direction: 'desc' } }),
    limit: 20,
  });
  return page.items.map((s) => ({
    id: s.id,
    title: s.title,
    meta: `${sourceKindLabels[s.kind]} · ${s.reliability} ${reliabilityLabels[s.reliability].toLowerCase()}${s.confidential ? ' · confidential' : ''}`,
  }));
}

export async function searchDeals(query: string): Promise<PickerOption[]> {
  const page = await client.deals.list({
    ...(query ? { query } : { sort: { field: 'updated', direction: 'desc' } }),
    limit: 20,
  });
  return page.items.map((d) => ({
    id: d.id,
    title: d.title,
    meta: [technologyLabels[d.technology], d.country, d.year].filter(Boolean).join(' · '),
  }));
}

export async function searchActors(query: string): Promise<PickerOption[]> {
  const page = await client.actors.list({
    ...(query ? { query } : { sort: { field: 'name', direction: 'asc' } }),
    limit: 20,
  });
  return page.items.map((a) => ({
    id: a.id,
    title: a.name,
    meta: [a.kind, a.country].filter(Boolean).join(' · '),
  }));
}
