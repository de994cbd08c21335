// The person page's tabs after 基本情報, in order; a module of its own so that the route table
// (app.tsx) can name them without loading the person page's code.
export const PERSON_TABS = [
  'consents',
  'disclosures',
  'assessments',
  'plans',
  'monitorings',
  'meetings',
  'rights',
  'records',
] as const;
