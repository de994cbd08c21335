// Typed calls, one per route the UI uses (paths as in docs/openapi.json).
import { api } from './client';
import type * as T from './types';

const p = (id: number) => `/persons/${id}`;

export const Persons = {
  list: (q: string, page = 1, status?: 'active' | 'closed' | 'all') => api.get<T.PersonList>('/persons', { q, page, per_page: 50, status }),
  get: (id: number) => api.get<T.Person>(p(id)),
  create: (body: T.PersonInput) => api.post<T.Person>('/persons', body),
  update: (id: number, body: Partial<T.PersonInput>) => api.patch<T.Person>(p(id), body),
  setAssignees: (id: number, userIds: number[]) => api.put<T.Person>(`${p(id)}/assignees`, { user_ids: userIds }),
};

export const Consents = {
  list: (pid: number) => api.get<T.ConsentList>(`${p(pid)}/consents`),
  create: (pid: number, body: T.ConsentInput) => api.post<T.Consent>(`${p(pid)}/consents`, body),
  withdraw: (pid: number, cid: number, reason: string) =>
    api.post<T.Consent>(`${p(pid)}/consents/${cid}/withdraw`, reason ? { reason } : {}),
};

export const Assessments = {
  list: (pid: number) => api.get<T.AssessmentList>(`${p(pid)}/assessments`),
  get: (pid: number, aid: number) => api.get<T.Assessment>(`${p(pid)}/assessments/${aid}`),
  create: (pid: number, body: T.AssessmentInput) => api.post<T.Assessment>(`${p(pid)}/assessments`, body),
  update: (pid: number, aid: number, body: Partial<T.AssessmentInput>) =>
    api.patch<T.Assessment>(`${p(pid)}/assessments/${aid}`, body),
  finalise: (pid: number, aid: number) => api.post<T.Assessment>(`${p(pid)}/assessments/${aid}/finalise`, {}),
  copy: (pid: number, aid: number) => api.post<T.Assessment>(`${p(pid)}/assessments/${aid}/copy`, {}),
};

export const Plans = {
  list: (pid: number) => api.get<T.PlanList>(`${p(pid)}/plans`),
  get: (pid: number, id: number) => api.get<T.Plan>(`${p(pid)}/plans/${id}`),
  create: (pid: number, body: T.PlanInput) => api.post<T.Plan>(`${p(pid)}/plans`, body),
  update: (pid: number, id: number, body: Partial<T.PlanInput>) => api.patch<T.Plan>(`${p(pid)}/plans/${id}`, body),
  submit: (pid: number, id: number) => api.post<T.Plan>(`${p(pid)}/plans/${id}/submit`, {}),
  issue: (pid: number, id: number, body: { issued_on?: string; consented_on?: string }) =>
    api.post<T.Plan>(`${p(pid)}/plans/${id}/issue`, body),
  revise: (pid: number, id: number) => api.post<T.Plan>(`${p(pid)}/plans/${id}/revise`, {}),
  diff: (pid: number, id: number) => api.get<T.PlanDiff>(`${p(pid)}/plans/${id}/diff`),
};

export const Decisions = {
  list: (pid: number) => api.get<T.DecisionList>(`${p(pid)}/decisions`),
  create: (pid: number, body: T.DecisionInput) => api.post<T.Decision>(`${p(pid)}/decisions`, body),
  suggestion: (services: string[], flags: string[]) =>
    api.get<T.MonitoringSuggestion>('/monitoring/suggestion', {
      services: services.join(','),
      flags: flags.join(','),
    }),
};

export const Monitorings = {
  list: (pid: number) => api.get<T.MonitoringList>(`${p(pid)}/monitorings`),
  get: (pid: number, id: number) => api.get<T.Monitoring>(`${p(pid)}/monitorings/${id}`),
  create: (pid: number, body: T.MonitoringInput) => api.post<T.Monitoring>(`${p(pid)}/monitorings`, body),
  due: (from?: string, to?: string, personId?: number, page?: number) =>
    api.get<T.DueItemList>('/monitoring/due', { from, to, person_id: personId, page, per_page: page ? HOME_PAGE : undefined }),
};

/** ホーム asks for one page of each of its lists (issue 8: no view loads a whole office). */
export const HOME_PAGE = 50;

export const Home = {
  caseload: (userId?: number, page = 1) =>
    api.get<T.CaseloadItemList>('/caseload', { user_id: userId, page, per_page: HOME_PAGE }),
  alerts: (personId?: number, page = 1) =>
    api.get<T.AlertList>('/alerts', { person_id: personId, page, per_page: HOME_PAGE }),
};

export const Users = {
  list: (officeId?: number) => api.get<T.UserList>('/users', { office_id: officeId }),
  create: (body: T.UserInput) => api.post<T.User>('/users', body),
  update: (uid: number, body: T.UserPatch) => api.patch<T.User>(`/users/${uid}`, body),
  resetPassword: (uid: number, newPassword: string) => api.post<unknown>(`/users/${uid}/password`, { new_password: newPassword }),
};

export const Account = {
  changePassword: (oldPassword: string, newPassword: string) =>
    api.post<unknown>('/auth/password', { old_password: oldPassword, new_password: newPassword }),
};

export const Offices = {
  list: () => api.get<T.OfficeList>('/offices'),
  create: (name: string) => api.post<T.Office>('/offices', { name }),
};

export interface AuditQuery {
  user_id?: number;
  person_id?: number;
  action?: string;
  from?: string;
  to?: string;
  page?: number;
  per_page?: number;
}

export const Audit = {
  list: (q: AuditQuery) => api.get<T.AuditEntryList>('/audit', { ...q }),
};

let kinds: Promise<T.ServiceKindList> | null = null;
/** The service kinds never change while the page is open: fetched once. */
export function serviceKinds(): Promise<T.ServiceKindList> {
  if (!kinds) kinds = api.get<T.ServiceKindList>('/service-kinds').catch((e) => ((kinds = null), Promise.reject(e)));
  return kinds;
}

export const printPlanUrl = (planId: number) => `/print/plans/${planId}`;
export const printMonitoringUrl = (monitoringId: number) => `/print/monitorings/${monitoringId}`;

// --- rights and safety: red flags, abuse reports, crisis plans, on-call (issue 11) ---
export const Rights = {
  redflags: (pid: number) => api.get<T.Redflags>(`${p(pid)}/redflags`),
  reviewRedflags: (pid: number, items: T.RedflagItem[]) => api.put<T.Redflags>(`${p(pid)}/redflags`, { items }),
  redflagHistory: (pid: number) => api.get<T.RedflagsList>(`${p(pid)}/redflags/history`, { per_page: 20 }),
  abuseReports: (pid: number) => api.get<T.AbuseReportList>(`${p(pid)}/abuse-reports`, { per_page: 50 }),
  reportAbuse: (pid: number, body: T.AbuseReportInput) => api.post<T.AbuseReport>(`${p(pid)}/abuse-reports`, body),
  followUp: (pid: number, rid: number, text: string) =>
    api.post<T.AbuseReport>(`${p(pid)}/abuse-reports/${rid}/followups`, { text }),
  closeReport: (pid: number, rid: number, reason: string) =>
    api.post<T.AbuseReport>(`${p(pid)}/abuse-reports/${rid}/close`, { reason }),
  crisisPlan: (pid: number) => api.get<T.CrisisPlan>(`${p(pid)}/crisis-plan`),
  saveCrisisPlan: (pid: number, body: T.CrisisPlanInput) => api.put<T.CrisisPlan>(`${p(pid)}/crisis-plan`, body),
};

export const OnCall = {
  rota: (month: string) => api.get<T.OnCallRota>('/oncall', { month }),
  saveRota: (month: string, slots: T.OnCallSlotInput[]) => api.put<T.OnCallRota>(`/oncall?month=${month}`, { slots }),
  now: () => api.get<T.OnCallNow>('/oncall/now'),
  calls: (from?: string) => api.get<T.OnCallCallList>('/oncall/calls', { from, per_page: 50 }),
  recordCall: (body: T.OnCallCallInput) => api.post<T.OnCallCall>('/oncall/calls', body),
  persons: (q: string) => api.get<T.OnCallPersonList>('/oncall/persons', { q, per_page: 20 }),
  accessLog: () => api.get<T.OnCallAccessList>('/oncall/access-log', { per_page: 50 }),
};

export const printCrisisPlanUrl = (personId: number) => `/print/persons/${personId}/crisis-plan`;
