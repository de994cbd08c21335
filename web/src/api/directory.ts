// Typed calls of the directory (関係機関名簿), weak ties and disclosures (情報提供).
import { api, API_BASE, postRaw } from './client';
import type { components } from './schema';

type S = components['schemas'];
export type DirectoryEntry = S['DirectoryEntry'];
export type DirectoryEntryInput = S['DirectoryEntryInput'];
export type DirectoryEntryList = S['DirectoryEntryList'];
export type DirectoryContact = S['DirectoryContact'];
export type DirectoryContactInput = S['DirectoryContactInput'];
export type DirectoryContactList = S['DirectoryContactList'];
export type DirectoryImportResult = S['DirectoryImportResult'];
export type WeakTie = S['WeakTie'];
export type WeakTies = S['WeakTies'];
export type WeakTiesInput = S['WeakTiesInput'];
export type Disclosure = S['Disclosure'];
export type DisclosureInput = S['DisclosureInput'];
export type DisclosureList = S['DisclosureList'];
export type ConsentScopeItem = S['ConsentScopeItem'];
export type Sector = DirectoryEntry['sector'];
export type Layer = DirectoryEntry['layer'];
export type EntryKind = DirectoryEntry['kind'];
export type ContactKind = DirectoryContact['kind'];

export const SECTORS: Sector[] = [
  'medical', 'education', 'employment', 'care', 'government', 'housing', 'justice', 'police', 'welfare', 'peer', 'community', 'business', 'other',
];
export const LAYERS: Layer[] = ['core', 'cross_sector', 'community'];
export const ENTRY_KINDS: EntryKind[] = ['provider', 'agency', 'group', 'person'];
export const CONTACT_KINDS: ContactKind[] = ['visit', 'phone', 'meeting', 'event', 'mail', 'other'];

export interface DirectoryQuery {
  q?: string;
  sector?: string;
  layer?: string;
  overdue?: boolean;
  page?: number;
  per_page?: number;
}

export const Directory = {
  list: (f: DirectoryQuery = {}) =>
    api.get<DirectoryEntryList>('/directory', { q: f.q, sector: f.sector, layer: f.layer, overdue: f.overdue ? 'true' : undefined, page: f.page, per_page: f.per_page ?? 50 }),
  get: (id: number) => api.get<DirectoryEntry>(`/directory/${id}`),
  create: (body: DirectoryEntryInput) => api.post<DirectoryEntry>('/directory', body),
  update: (id: number, body: Partial<DirectoryEntryInput>) => api.patch<DirectoryEntry>(`/directory/${id}`, body),
  contacts: (id: number, page = 1) => api.get<DirectoryContactList>(`/directory/${id}/contacts`, { page, per_page: 50 }),
  addContact: (id: number, body: DirectoryContactInput) => api.post<DirectoryContact>(`/directory/${id}/contacts`, body),
  csvUrl: `${API_BASE}/directory.csv`,
  importCsv: (file: Blob) => postRaw<DirectoryImportResult>('/directory/import', file, 'text/csv'),
};

export const WeakTiesApi = {
  get: () => api.get<WeakTies>('/users/me/weak-ties'),
  put: (body: WeakTiesInput) => api.put<WeakTies>('/users/me/weak-ties', body),
};

export const Disclosures = {
  list: (pid: number) => api.get<DisclosureList>(`/persons/${pid}/disclosures`, { per_page: 200 }),
  create: (pid: number, body: DisclosureInput) => api.post<Disclosure>(`/persons/${pid}/disclosures`, body),
};

/** A consent scope item as shown: its text, or the directory entry's name. */
export function scopeLabel(item: ConsentScopeItem): string {
  if (typeof item === 'string') return item;
  return item.name ?? ('directory_id' in item ? `#${item.directory_id}` : `#${item.office_id}`);
}
