import { ApiError } from '../api/client';
import { LoadError } from '../components/NotFoundMessage';

export function NotFound() {
  return <LoadError error={new ApiError(404, 'not_found', '', '', '')} />;
}
