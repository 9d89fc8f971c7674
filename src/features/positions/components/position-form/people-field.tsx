import {
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  TagPicker,
  TagPickerControl,
  TagPickerInput,
  TagPickerList,
  TagPickerOption,
  Text,
  makeStyles,
  tokens,
  type TagPickerProps,
} from '@fluentui/react-components';
import { AuthError } from '@azure/msal-browser';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { askForPermission } from '../../../../auth/ask-permission';
import { ConsentNeededError, ConsentRefusedError } from '../../../../auth/tokens';
import { useDebouncedValue } from '../../../../lib/use-debounced-value';
import {
  directoryQueries,
  pickerSearchTerm,
  type DirectoryPerson,
} from '../../api/directory-people';
import type { PositionFormValues } from '../../utils/form-mapping';
import type { PeopleField as PeopleFieldSpec } from '../../utils/position-fields';
import { personKey, personLabel, type PersonValue } from '../../utils/related-people';

const useStyles = makeStyles({
  root: { display: 'grid', gap: '8px', minWidth: 0 },
  list: { display: 'grid', gap: '4px', margin: 0, padding: 0, listStyleType: 'none' },
  row: {
    display: 'flex',
    gap: '8px',
    alignItems: 'center',
    flexWrap: 'wrap',
    padding: '4px 8px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  name: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Typing settles this quickly before the directory is asked: first results come fast. */
const SEARCH_DELAY_MS = 200;

const FREE_PREFIX = 'free:';

const fromDirectory = (person: DirectoryPerson): PersonValue => ({
  displayName: person.displayName ?? '',
  userId: person.id,
  userPrincipalName: person.userPrincipalName ?? '',
});

/** Why the directory is not searched: the permission not asked yet, or refused in this tab. */
function isPermissionProblem(error: unknown): error is ConsentNeededError | ConsentRefusedError {
  return error instanceof ConsentNeededError || error instanceof ConsentRefusedError;
}

/**
 * People for a position (its manager, its colleagues), Fluent's tag picker pattern: type a
 * name and the directory is searched as one types (debounced, the first few results);
 * arrow keys choose a result and Enter adds it; Enter with nothing chosen adds the name as
 * written (someone not in the directory), which is also offered as an option when the
 * directory finds no one. The chosen people are listed below in
 * order, each with buttons to move or remove it. A field of one (the manager) replaces
 * its person; a longer one stops at its cap and says so.
 */
export function PeopleField({
  field: spec,
  hint,
  proposal,
}: {
  field: PeopleFieldSpec;
  hint: string;
  /** Something to offer beside the field (the person's own manager from the directory). */
  proposal?: (add: (person: PersonValue) => void, people: PersonValue[]) => ReactNode;
}) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const debounced = useDebouncedValue(text, SEARCH_DELAY_MS);
  const term = pickerSearchTerm(debounced);
  // Once the directory said no (not asked yet, or refused), it is not asked again while
  // this form is open; the user may choose to grant it.
  const [blocked, setBlocked] = useState<ConsentNeededError | ConsentRefusedError | null>(null);
  const [asking, setAsking] = useState(false);
  const queryClient = useQueryClient();
  const [askFailure, setAskFailure] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const search = useQuery({
    ...directoryQueries.search(debounced),
    enabled: term.length > 0 && blocked === null,
    placeholderData: keepPreviousData,
  });
  if (isPermissionProblem(search.error) && blocked === null && !asking) setBlocked(search.error);

  const ask = () => {
    setAsking(true);
    setAskFailure(null);
    askForPermission('directory')
      .then(() => {
        setBlocked(null);
        // Searches refused before the permission was given are asked again.
        void queryClient.resetQueries({ queryKey: directoryQueries.all() });
      })
      .catch((error: unknown) => {
        if (error instanceof ConsentRefusedError) setBlocked(error);
        // Closed before answering: nothing changed, the button stays.
        else if (!(error instanceof AuthError && error.errorCode === 'user_cancelled'))
          setAskFailure(error instanceof Error ? error.message : String(error));
      })
      .finally(() => setAsking(false));
  };

  // Changes start from the form's value now, not the one this render saw: the picker can
  // report one choice twice (Enter, then its option), and a late second report must not
  // bring back someone removed in between.
  const { getValues } = useFormContext<PositionFormValues>();
  const single = spec.maxItems === 1;
  const labelId = `${spec.path}-picker-label`;
  return (
    <Controller<PositionFormValues, typeof spec.path>
      name={spec.path}
      render={({ field, fieldState }) => {
        const people = field.value;
        const atCap = !single && people.length >= spec.maxItems;
        const keys = new Set(people.map(personKey));
        const current = () => getValues(spec.path);
        const add = (person: PersonValue) => {
          const now = current();
          if (now.some((chosen) => personKey(chosen) === personKey(person))) return;
          if (single) field.onChange([person]);
          else if (now.length < spec.maxItems) field.onChange([...now, person]);
        };
        const addFreeName = (name: string) => {
          const displayName = name.trim();
          if (displayName) add({ displayName, userId: '', userPrincipalName: '' });
          setText('');
        };
        const results = (term && blocked === null && !search.isError ? (search.data ?? []) : [])
          .map(fromDirectory)
          .filter((person) => !keys.has(personKey(person)));
        const searching =
          term.length > 0 &&
          blocked === null &&
          (text.trim() !== debounced.trim() || search.isFetching);
        const onOptionSelect: TagPickerProps['onOptionSelect'] = (_, data) => {
          const value = data.value;
          if (value.startsWith(FREE_PREFIX)) addFreeName(value.slice(FREE_PREFIX.length));
          else {
            const person = results.find((candidate) => personKey(candidate) === value);
            if (person) add(person);
            setText('');
          }
        };
        const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
          // Enter with nothing chosen by the arrow keys (or a choice that is gone): the name as written.
          const active = event.currentTarget.getAttribute('aria-activedescendant');
          if (
            event.key === 'Enter' &&
            text.trim() &&
            (!active || !event.currentTarget.ownerDocument.getElementById(active))
          ) {
            event.preventDefault();
            addFreeName(text);
          }
        };
        const move = (from: number, to: number) => {
          const next = [...current()];
          const [moved] = next.splice(from, 1);
          next.splice(to, 0, moved);
          field.onChange(next);
        };
        const remove = (index: number) => field.onChange(current().filter((_, i) => i !== index));
        const status = atCap
          ? `${spec.label} can name at most ${spec.maxItems} people, and this position has ${people.length}. Remove one to add another.`
          : blocked || !term
            ? ''
            : searching
              ? 'Searching the directory…'
              : search.isError
                ? 'The directory could not be searched just now. Press Enter to add the name as written.'
                : results.length === 0
                  ? `No one in the directory matches "${term}". Press Enter to add the name as written.`
                  : `${results.length === 1 ? '1 person' : `${results.length} people`} found. Use the arrow keys to choose, or press Enter to add the name as written.`;
        return (
          <div className={styles.root}>
            <Field
              label={{ children: spec.label, id: labelId }}
              validationMessage={fieldState.error?.message}
              hint={fieldState.error ? undefined : hint}
            >
              <TagPicker
                open={open && text.trim() !== ''}
                onOpenChange={(_, data) => setOpen(data.open)}
                selectedOptions={people.map(personKey)}
                onOptionSelect={onOptionSelect}
                disabled={atCap}
              >
                <TagPickerControl
                  expandIcon={searching ? <Spinner size="extra-tiny" aria-hidden /> : undefined}
                >
                  <TagPickerInput
                    ref={field.ref}
                    name={field.name}
                    value={text}
                    aria-labelledby={labelId}
                    placeholder={single && people.length ? 'Type a name to replace' : 'Type a name'}
                    autoComplete="off"
                    onChange={(event) => {
                      setText(event.target.value);
                      setOpen(true);
                    }}
                    onKeyDown={onKeyDown}
                    onBlur={field.onBlur}
                  />
                </TagPickerControl>
                <TagPickerList>
                  {results.map((person) => (
                    <TagPickerOption
                      key={personKey(person)}
                      value={personKey(person)}
                      text={person.displayName}
                      secondaryContent={person.userPrincipalName}
                    >
                      {personLabel(person)}
                    </TagPickerOption>
                  ))}
                  {text.trim() && results.length === 0 && (
                    <TagPickerOption
                      value={`${FREE_PREFIX}${text.trim()}`}
                      text={`Add "${text.trim()}" as written`}
                      secondaryContent="Not in the directory: the name as written"
                    >
                      {`Add "${text.trim()}"`}
                    </TagPickerOption>
                  )}
                </TagPickerList>
              </TagPicker>
            </Field>
            <div role="status" aria-live="polite" className={styles.muted}>
              <Caption1>{status}</Caption1>
            </div>
            {blocked && (
              <DirectoryClosed
                refused={blocked instanceof ConsentRefusedError}
                asking={asking}
                failure={askFailure}
                onAsk={ask}
              />
            )}
            {proposal?.(add, people)}
            {people.length > 0 && (
              <ol className={styles.list} aria-label={`${spec.label} chosen`}>
                {people.map((person, index) => {
                  const name = personLabel(person);
                  return (
                    <li key={personKey(person)} className={styles.row}>
                      <Text className={styles.name} dir="auto">
                        {name}{' '}
                        <span className={styles.muted}>
                          {person.userId
                            ? `(${person.userPrincipalName || 'in the directory'})`
                            : '(not in the directory)'}
                        </span>
                      </Text>
                      {!single && (
                        <>
                          <Button
                            size="small"
                            appearance="subtle"
                            disabled={index === 0}
                            aria-label={`Move ${name} up`}
                            onClick={() => move(index, index - 1)}
                          >
                            Move up
                          </Button>
                          <Button
                            size="small"
                            appearance="subtle"
                            disabled={index === people.length - 1}
                            aria-label={`Move ${name} down`}
                            onClick={() => move(index, index + 1)}
                          >
                            Move down
                          </Button>
                        </>
                      )}
                      <Button
                        size="small"
                        appearance="subtle"
                        aria-label={`Remove ${name}`}
                        onClick={() => remove(index)}
                      >
                        Remove
                      </Button>
                    </li>
                  );
                })}
              </ol>
            )}
          </div>
        );
      }}
    />
  );
}

/** Why the directory is not searched, and the way to allow it (the user grants it themselves). */
function DirectoryClosed({
  refused,
  asking,
  failure,
  onAsk,
}: {
  refused: boolean;
  asking: boolean;
  /** Why the last ask did not get an answer, in the words it came with. */
  failure: string | null;
  onAsk: () => void;
}) {
  return (
    <MessageBar intent={refused ? 'warning' : 'info'} layout="multiline">
      <MessageBarBody>
        {refused
          ? "The directory isn't searched: you didn't give Profile Editor permission to read people's basic profiles (User.ReadBasic.All)."
          : "To find people in your organisation's directory, Profile Editor needs your permission to read their basic profiles: names and sign-in names (User.ReadBasic.All). You're asked once."}{' '}
        Meanwhile, type a name and press Enter to add it as written.
        {failure && <div>Asking didn't work: {failure}</div>}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onAsk} disabled={asking}>
          {refused ? 'Ask me again' : 'Allow directory search'}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
