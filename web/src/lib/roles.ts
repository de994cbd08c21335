// What each role may see (docs/api-conventions.md, "Roles and scope"). The server enforces
// all of it; the UI only avoids offering what would be refused.
import type { User } from '../session';

/** Person data (利用者・計画・…): specialists and chiefs. Administrators never (API 403). */
export const seesPersons = (u: User | null): boolean => !!u && (u.role === 'specialist' || u.role === 'chief');
/** 職員 (users): chiefs for their office, administrators for every office. */
export const managesUsers = (u: User | null): boolean => !!u && (u.role === 'chief' || u.role === 'admin');
/** The whole office: assignments, caseload filter, アクセスログ. */
export const isChief = (u: User | null): boolean => !!u && u.role === 'chief';
export const isAdmin = (u: User | null): boolean => !!u && u.role === 'admin';
/** 基幹相談支援センター・市町村: the region's aggregates only, never a person (issue 14). */
export const isRegion = (u: User | null): boolean => !!u && u.role === 'region';
