// The office's quality (issue 15): closure, approvals, office settings, training, supervision.
// Schema names and one typed call per route (paths as in docs/openapi.json).
import { api } from './client';
import type { components } from './schema';

type S = components['schemas'];
export type ClosureInput = S['ClosureInput'];
export type PersonState = S['PersonState'];
export type PendingApproval = S['PendingApproval'];
export type Approval = S['Approval'];
export type ApprovalList = S['ApprovalList'];
export type OfficeSettings = S['OfficeSettings'];
export type Training = S['Training'];
export type TrainingInput = S['TrainingInput'];
export type TrainingList = S['TrainingList'];
export type TrainingCycle = S['TrainingCycle'];
export type TrainingDeadlineList = S['TrainingDeadlineList'];
export type Supervision = S['Supervision'];
export type SupervisionInput = S['SupervisionInput'];
export type SupervisionList = S['SupervisionList'];
export type CaseReviewSuggestionList = S['CaseReviewSuggestionList'];
export type InternalAuditList = S['InternalAuditList'];
export type InternalAuditItemList = S['InternalAuditItemList'];
export type InternalAudit = S['InternalAudit'];
export type InternalAuditInput = S['InternalAuditInput'];
export type CaseReview = S['CaseReview'];
export type CaseReviewInput = S['CaseReviewInput'];
export type CaseReviewList = S['CaseReviewList'];
export type CaseReport = S['CaseReport'];
export type CaseReportList = S['CaseReportList'];
export type CaseReportCounts = S['CaseReportCounts'];

export const CLOSURE_REASONS: ClosureInput['reason'][] = ['moved', 'long_term_care', 'death', 'goal_reached', 'transfer', 'hospital_long', 'other'];
export const TRAINING_KINDS: TrainingInput['kind'][] = ['initial', 'current', 'chief', 'chief_renewal', 'specialty', 'other'];
export const SUPERVISION_KINDS: SupervisionInput['kind'][] = ['individual', 'group', 'peer', 'external'];

/** 200 with the new state, or 202 when the office wants a chief's approval first. */
export const isPending = (r: PersonState | PendingApproval): r is PendingApproval => (r as PendingApproval).status === 'pending_approval';

export const Closure = {
  close: (pid: number, body: ClosureInput) => api.post<PersonState | PendingApproval>(`/persons/${pid}/close`, body),
  reopen: (pid: number, date: string, note: string) => api.post<PersonState>(`/persons/${pid}/reopen`, { date, note }),
};

export const Approvals = {
  list: (status?: string, page = 1) => api.get<ApprovalList>('/approvals', { status, page, per_page: 50 }),
  approve: (aid: number) => api.post<Approval>(`/approvals/${aid}/approve`, {}),
  giveBack: (aid: number, comment: string) => api.post<Approval>(`/approvals/${aid}/return`, { comment }),
};

export const OfficeSettingsApi = {
  get: (oid: number) => api.get<OfficeSettings>(`/offices/${oid}/settings`),
  patch: (oid: number, approval_required: OfficeSettings['approval_required']) =>
    api.patch<OfficeSettings>(`/offices/${oid}/settings`, { approval_required }),
};

export const Trainings = {
  list: (uid: number) => api.get<TrainingList>(`/users/${uid}/trainings`),
  create: (uid: number, body: TrainingInput) => api.post<Training>(`/users/${uid}/trainings`, body),
  deadlines: () => api.get<TrainingDeadlineList>('/trainings/deadlines'),
};

export const Supervisions = {
  list: (page = 1) => api.get<SupervisionList>('/supervisions', { page, per_page: 50 }),
  create: (body: SupervisionInput) => api.post<Supervision>('/supervisions', body),
};

export const CaseReviews = {
  suggestions: () => api.get<CaseReviewSuggestionList>('/case-reviews/suggestions'),
  list: (page = 1) => api.get<CaseReviewList>('/case-reviews', { page, per_page: 20 }),
  create: (body: CaseReviewInput) => api.post<CaseReview>('/case-reviews', body),
};

export const InternalAudits = {
  list: (page = 1) => api.get<InternalAuditList>('/internal-audits', { page, per_page: 20 }),
  items: () => api.get<InternalAuditItemList>('/internal-audits/items'),
  create: (body: InternalAuditInput) => api.post<InternalAudit>('/internal-audits', body),
};

export const REVIEW_KINDS: CaseReviewInput['kind'][] = ['mini', 'inventory', 'debrief'];
export const REVIEW_DECISIONS: CaseReviewInput['cases'][number]['decision'][] = ['continue', 'change_plan', 'close', 'transfer', 'escalate'];

/** 事例報告: a draft from a person's records, edited, approved by a chief, then printed or downloaded. */
export const CaseReports = {
  create: (pid: number, title?: string) => api.post<CaseReport>(`/persons/${pid}/case-reports`, title ? { title } : {}),
  list: (page = 1, personId?: number) => api.get<CaseReportList>('/case-reports', { page, per_page: 50, person_id: personId }),
  get: (rid: number) => api.get<CaseReport>(`/case-reports/${rid}`),
  patch: (rid: number, body: { title?: string; text?: string }) => api.patch<CaseReport>(`/case-reports/${rid}`, body),
  approve: (rid: number) => api.post<CaseReport>(`/case-reports/${rid}/approve`, {}),
  counts: (fiscalYear?: number) => api.get<CaseReportCounts>('/case-reports/counts', { fiscal_year: fiscalYear }),
  printUrl: (rid: number) => `/print/case-reports/${rid}`,
  markdownUrl: (rid: number) => `/api/v1/case-reports/${rid}/markdown`,
};
