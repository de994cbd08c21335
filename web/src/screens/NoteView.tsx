// One 支援経過記録 (opened from search results or a link), with its corrections.
import { Notes } from '../api/notes';
import { Persons } from '../api/endpoints';
import { Link } from '../components/Link';
import { LoadError } from '../components/NotFoundMessage';
import { Loading, Page } from '../components/Page';
import { t } from '../i18n';
import { formatDate } from '../lib/dates';
import { useApi } from '../lib/useApi';
import { PersonMeta } from './PersonMeta';
import { NoteCard } from './tabs/NotesTab';

export function NoteView({ personId, id }: { personId: number; id: number }) {
  const person = useApi(() => Persons.get(personId), [personId]);
  const note = useApi(() => Notes.get(personId, id), [personId, id]);
  if ((person.loading && !person.data) || (note.loading && !note.data)) return <Loading />;
  if (person.error) return <LoadError error={person.error} />;
  if (note.error) return <LoadError error={note.error} />;
  const p = person.data!;
  return (
    <Page
      title={t('note.of', { name: p.name, date: formatDate(note.data!.date) })}
      sub={<PersonMeta person={p} />}
      actions={
        <Link class="btn" href={`/persons/${p.id}/records`}>
          {t('note.all')}
        </Link>
      }
    >
      <NoteCard person={p} note={note.data!} onChanged={() => note.reload()} />
    </Page>
  );
}
