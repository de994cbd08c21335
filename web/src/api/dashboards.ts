// Dashboards, the region and transfers between offices (issue 14): schema names and one typed call
// per route (paths as in docs/openapi.json).
import { api } from './client';
import type { components } from './schema';

type S = components['schemas'];
export type DashboardCaseload = S['DashboardCaseload'];
export type DashboardCaseloadItem = S['DashboardCaseloadItem'];
export type DashboardKpi = S['DashboardKpi'];
export type DashboardFigure = S['DashboardFigure'];
export type RegionDashboard = S['RegionDashboard'];
export type Region = S['Region'];
export type Transfer = S['Transfer'];
export type TransferPage = S['TransferPage'];
export type TransferInput = S['TransferInput'];

/** Staff rows per page of the caseload table (the API's default). */
export const CASELOAD_PAGE = 50;

export const Dashboards = {
  caseload: (month: string, page = 1, per_page = CASELOAD_PAGE) =>
    api.get<DashboardCaseload>('/dashboard/caseload', { month, page, per_page }),
  kpi: (from: string, to: string) => api.get<DashboardKpi>('/dashboard/kpi', { from, to }),
  region: (rid: number, from: string, to: string) => api.get<RegionDashboard>(`/region/${rid}/dashboard`, { from, to }),
};

export const Transfers = {
  offices: () => api.get<S['TransferOfficeList']>('/transfers/offices'),
  forPerson: (pid: number) => api.get<S['TransferList']>(`/persons/${pid}/transfers`),
  create: (pid: number, body: TransferInput) => api.post<Transfer>(`/persons/${pid}/transfers`, body),
  list: (direction: 'incoming' | 'outgoing', page = 1) =>
    api.get<TransferPage>('/transfers', { direction, page, per_page: 50 }),
  accept: (tid: number, assignee_id: number) => api.post<Transfer>(`/transfers/${tid}/accept`, { assignee_id }),
  decline: (tid: number, reason: string) => api.post<Transfer>(`/transfers/${tid}/decline`, { reason }),
};

/** KPI figures in display order. */
export const KPI_KEYS = [
  'monitoring_on_time_rate',
  'goal_achievement',
  'satisfaction_avg',
  'coordination_count',
  'time_use',
  'tasks_done_on_time_rate',
  'transitions_completed',
  'hospital_days_before',
  'readmitted_within_180_days',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];
export const TIME_CATEGORIES = ['interview', 'coordination', 'records', 'reflection'] as const;
