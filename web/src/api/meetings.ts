// Meetings (サービス担当者会議 …), tasks, plan hand-over and the 運営指導チェック (issue 10):
// schema names and one typed call per route (paths as in docs/openapi.json).
import { api } from './client';
import type { components } from './schema';

type S = components['schemas'];
export type Meeting = S['Meeting'];
export type MeetingInput = S['MeetingInput'];
export type MeetingList = S['MeetingList'];
export type MeetingParticipant = S['MeetingParticipant'];
export type MeetingAgreement = S['MeetingAgreement'];
export type MeetingKind = Meeting['kind'];
export type Task = S['Task'];
export type TaskInput = S['TaskInput'];
export type TaskList = S['TaskList'];
export type PlanDelivery = S['PlanDelivery'];
export type PlanDeliveryInput = S['PlanDeliveryInput'];
export type ProviderPlan = S['ProviderPlan'];
export type ComplianceList = S['ComplianceList'];
export type ComplianceFinding = S['ComplianceFinding'];

export const MEETING_KINDS: MeetingKind[] = ['service_conference', 'case_conference', 'discharge_conference', 'other'];
export const RECIPIENT_KINDS: PlanDelivery['recipient_kind'][] = ['person', 'family', 'provider', 'municipality'];

const p = (id: number) => `/persons/${id}`;

export const Meetings = {
  list: (pid: number, page = 1) => api.get<MeetingList>(`${p(pid)}/meetings`, { page, per_page: 50 }),
  get: (pid: number, mid: number) => api.get<Meeting>(`${p(pid)}/meetings/${mid}`),
  create: (pid: number, body: MeetingInput) => api.post<Meeting>(`${p(pid)}/meetings`, body),
  update: (pid: number, mid: number, body: Partial<MeetingInput>) => api.patch<Meeting>(`${p(pid)}/meetings/${mid}`, body),
  finalise: (pid: number, mid: number) => api.post<Meeting>(`${p(pid)}/meetings/${mid}/finalise`, {}),
};

export interface TaskQuery {
  status?: string;
  person_id?: number;
  owner_user_id?: number;
  page?: number;
  per_page?: number;
}

export const Tasks = {
  list: (q: TaskQuery) => api.get<TaskList>('/tasks', { ...q }),
  create: (pid: number, body: TaskInput) => api.post<Task>(`${p(pid)}/tasks`, body),
  update: (tid: number, status: Task['status'], result: string) => api.patch<Task>(`/tasks/${tid}`, { status, result }),
};

export const Handover = {
  deliveries: (pid: number, planId: number) => api.get<S['PlanDeliveryList']>(`${p(pid)}/plans/${planId}/deliveries`),
  deliver: (pid: number, planId: number, body: PlanDeliveryInput) =>
    api.post<PlanDelivery>(`${p(pid)}/plans/${planId}/deliveries`, body),
  providerPlans: (pid: number, planId: number) => api.get<S['ProviderPlanList']>(`${p(pid)}/plans/${planId}/provider-plans`),
  receive: (pid: number, planId: number, body: S['ProviderPlanInput']) =>
    api.post<ProviderPlan>(`${p(pid)}/plans/${planId}/provider-plans`, body),
};

export const Compliance = {
  list: (page = 1, personId?: number) => api.get<ComplianceList>('/compliance', { page, per_page: 50, person_id: personId }),
};

export const printMeetingUrl = (meetingId: number) => `/print/meetings/${meetingId}`;

/** Where a finding's record is shown in the UI. */
export function findingHref(personId: number, f: ComplianceFinding): string {
  const base = `/persons/${personId}`;
  if (f.entity === 'plan') return `${base}/plans/${f.entity_id}`;
  if (f.entity === 'meeting') return `${base}/meetings/${f.entity_id}`;
  if (f.entity === 'monitoring') return `${base}/monitorings/${f.entity_id}`;
  return `${base}/meetings`;
}
