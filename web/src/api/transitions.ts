// 地域移行支援・地域定着支援 (issue #17): schema names and one typed call per route (paths as in docs/openapi.json).
import { api } from './client';
import type { components } from './schema';

type S = components['schemas'];
export type Transition = S['Transition'];
export type TransitionInput = S['TransitionInput'];
export type TransitionPatch = S['TransitionPatch'];
export type TransitionList = S['TransitionList'];
export type TransitionActivity = S['TransitionActivity'];
export type TransitionActivityInput = S['TransitionActivityInput'];

export const TRANSITION_KINDS: Transition['kind'][] = ['transition', 'settlement'];
export const FROM_KINDS = ['hospital', 'facility', 'prison', 'other'] as const;
export const ACTIVITY_KINDS: TransitionActivity['kind'][] = ['visit', 'accompany', 'trial_stay', 'housing', 'meeting', 'emergency_call', 'emergency_visit'];
export const DESTINATIONS = ['home', 'group_home', 'other'] as const;

const p = (id: number) => `/persons/${id}/transitions`;

export const Transitions = {
  list: (pid: number, open = false, page = 1) =>
    api.get<TransitionList>(p(pid), open ? { open: 'true', page, per_page: 50 } : { page, per_page: 50 }),
  get: (pid: number, tid: number) => api.get<Transition>(`${p(pid)}/${tid}`),
  create: (pid: number, body: TransitionInput) => api.post<Transition>(p(pid), body),
  update: (pid: number, tid: number, body: TransitionPatch) => api.patch<Transition>(`${p(pid)}/${tid}`, body),
  addActivity: (pid: number, tid: number, body: TransitionActivityInput) => api.post<Transition>(`${p(pid)}/${tid}/activities`, body),
};
