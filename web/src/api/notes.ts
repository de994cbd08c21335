// 支援経過記録, decision support and search: types (from docs/openapi.json) and typed calls.
import { api } from './client';
import type { components } from './schema';
import { isComposing } from '../lib/ime';

type S = components['schemas'];
export type Note = S['Note'];
export type NoteInput = S['NoteInput'];
export type NoteList = S['NoteList'];
export type NoteCorrection = S['NoteCorrection'];
export type DecisionSupport = S['DecisionSupport'];
export type DecisionSupportList = S['DecisionSupportList'];
export type SearchHit = S['SearchHit'];
export type SearchResult = S['SearchResult'];
export type ContactKind = NoteInput['contact_kind'];

export const CONTACT_KINDS: ContactKind[] = ['visit', 'office', 'phone', 'accompany', 'meeting', 'online', 'letter', 'other'];
export const TIME_CATEGORIES = ['interview', 'coordination', 'records', 'reflection'] as const;
export const ICF_VIEWS = ['body_functions', 'activities', 'participation', 'environmental', 'personal'] as const;

const notes = (pid: number) => `/persons/${pid}/notes`;

export const Notes = {
  list: (pid: number, page = 1, perPage = 20) => api.get<NoteList>(notes(pid), { page, per_page: perPage }),
  get: (pid: number, nid: number) => api.get<Note>(`${notes(pid)}/${nid}`),
  create: (pid: number, body: NoteInput) => api.post<Note>(notes(pid), body),
  update: (pid: number, nid: number, body: Partial<NoteInput>) => api.patch<Note>(`${notes(pid)}/${nid}`, body),
  correct: (pid: number, nid: number, text: string, reason: string) =>
    api.post<Note>(`${notes(pid)}/${nid}/corrections`, { text, reason }),
  decisionSupport: (substitute: boolean, page = 1) =>
    api.get<DecisionSupportList>('/decision-support', { substitute: substitute ? 'true' : undefined, page }),
};

export const Search = {
  find: (q: string, page = 1, personId?: number) => api.get<SearchResult>('/search', { q, page, per_page: 20, person_id: personId }),
};

export const printNotesUrl = (pid: number) => `/print/persons/${pid}/notes`;

/** Where a search hit opens: the record's own screen. */
export function hitHref(h: SearchHit): string {
  const p = `/persons/${h.person_id}`;
  switch (h.kind) {
    case 'note':
      return `${p}/records/${h.entity_id}`;
    case 'assessment':
      return `${p}/assessments/${h.entity_id}`;
    case 'plan':
      return `${p}/plans/${h.entity_id}`;
    case 'monitoring':
      return `${p}/monitorings/${h.entity_id}`;
    case 'meeting':
      return `${p}/meetings/${h.entity_id}`;
    default:
      return p;
  }
}

/**
 * Enter while an IME is composing (変換確定) must not submit the form. (The document-wide guard of
 * lib/ime.ts already holds such keys back; this is the per-form belt to its braces.)
 */
export function guardImeEnter(e: KeyboardEvent): void {
  if (e.key === 'Enter' && isComposing(e)) e.preventDefault();
}
