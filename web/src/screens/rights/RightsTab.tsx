// 権利擁護・安全: red flags, abuse reports and the crisis plan of a person.
import type { Person } from '../../api/types';
import { AbuseReportsCard } from './AbuseReportsCard';
import { CrisisPlanCard } from './CrisisPlanCard';
import { RedflagsCard } from './RedflagsCard';

export function RightsTab({ person }: { person: Person }) {
  return (
    <>
      <RedflagsCard person={person} />
      <AbuseReportsCard person={person} />
      <CrisisPlanCard person={person} />
    </>
  );
}
