// Two-factor sign-in (issue #13): enrolment and the office setting (paths as in docs/openapi.json).
import { api } from './client';

export interface TotpEnrolment {
  secret: string;
  otpauth_uri: string;
  qr_svg: string;
}

export const Totp = {
  enrol: () => api.post<TotpEnrolment>('/auth/totp/enrol', {}),
  confirm: (code: string) => api.post<{ recovery_codes: string[] }>('/auth/totp/confirm', { code }),
  officeSecurity: () => api.get<{ require_totp: boolean }>('/office/security'),
  setOfficeSecurity: (require_totp: boolean) => api.put<{ require_totp: boolean }>('/office/security', { require_totp }),
};
