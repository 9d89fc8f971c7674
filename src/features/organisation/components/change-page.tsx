import { useMsal } from '@azure/msal-react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type SyntheticEvent } from 'react';
import { GraphErrorMessage } from '../../../components/graph-error-message';
import { LinkButton } from '../../../components/link-button';
import { PageLayout } from '../../../components/page-layout';
import { AUDIENCE_OPTIONS } from '../../positions/types';
import { othersQueue, readPositionsThrough } from '../api/graph-batches';
import type { BatchQueue } from '../bulk/batch-queue';
import {
  checkChange,
  describeChange,
  TEXT_TARGETS,
  type BulkChange,
  type TextTarget,
} from '../bulk/change';
import { createJob, startJob } from '../bulk/job-registry';
import { planChange } from '../bulk/plan';
import { useSelection, type SelectedPerson } from '../selection';
import { PlanView } from './plan-view';

const useStyles = makeStyles({
  form: { display: 'grid', gap: '12px', maxWidth: '560px' },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  heading: { ...typographyStyles.subtitle1, margin: 0 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: '12px' },
  person: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px 12px',
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

type ChoiceKey =
  | `setText:${TextTarget}`
  | `replaceText:${TextTarget}`
  | 'setAudience'
  | 'addCategory'
  | 'removeCategory'
  | 'endCurrent';

const CHOICES: readonly { key: ChoiceKey; label: string }[] = [
  { key: 'replaceText:company', label: 'Replace a company name' },
  { key: 'setText:company', label: 'Set the company name' },
  { key: 'replaceText:department', label: 'Replace a department' },
  { key: 'setText:department', label: 'Set the department' },
  { key: 'replaceText:officeLocation', label: 'Replace an office location' },
  { key: 'setText:officeLocation', label: 'Set the office location' },
  { key: 'setAudience', label: 'Set who can see them' },
  { key: 'addCategory', label: 'Add a category' },
  { key: 'removeCategory', label: 'Remove a category' },
  { key: 'endCurrent', label: 'End current positions at a month' },
];

interface ChangeForm {
  choice: ChoiceKey;
  from: string;
  value: string;
  audience: string;
  month: string;
}

function toChange(form: ChangeForm): BulkChange {
  const [kind, target] = form.choice.split(':') as [string, TextTarget | undefined];
  if (kind === 'setText' && target) return { kind: 'setText', target, value: form.value };
  if (kind === 'replaceText' && target)
    return { kind: 'replaceText', target, from: form.from, value: form.value };
  if (kind === 'setAudience') return { kind: 'setAudience', value: form.audience };
  if (kind === 'endCurrent') return { kind: 'endCurrent', month: form.month };
  return { kind: kind as 'addCategory' | 'removeCategory', value: form.value };
}

const PREVIEW_STEP = 20;

let previewQueue: BatchQueue | undefined;
/** Reads for previews share one queue, so they are batched and paced together. */
const previewReads = () => (previewQueue ??= othersQueue({ maxInFlight: 2 }));

function PreviewPerson({ person, change }: { person: SelectedPerson; change: BulkChange }) {
  const styles = useStyles();
  const positions = useQuery({
    queryKey: ['organisation', 'preview', person.id],
    queryFn: () => readPositionsThrough(previewReads(), person.id),
    staleTime: 0,
    gcTime: 30_000,
  });
  return (
    <li className={styles.person} aria-label={person.name}>
      <Text weight="semibold">{person.name}</Text>{' '}
      <Text className={styles.muted}>{person.userPrincipalName}</Text>
      {positions.isPending ? (
        <Spinner size="tiny" label="Reading their positions…" labelPosition="after" />
      ) : positions.isError ? (
        <GraphErrorMessage error={positions.error} action="Reading their positions" />
      ) : (
        <PlanView plan={planChange(change, positions.data)} />
      )}
    </li>
  );
}

/**
 * A change to the selected people's current positions: chosen, checked by the form's
 * limits, previewed per person from a fresh read (the exact PATCH body each would get),
 * then run as a journaled bulk job.
 */
export function ChangePage() {
  const styles = useStyles();
  const selection = useSelection();
  const people = selection.list();
  const navigate = useNavigate();
  const { instance } = useMsal();
  const [form, setForm] = useState<ChangeForm>({
    choice: 'replaceText:company',
    from: '',
    value: '',
    audience: 'organization',
    month: new Date().toISOString().slice(0, 7),
  });
  const [previewed, setPreviewed] = useState<BulkChange>();
  const [shown, setShown] = useState(PREVIEW_STEP);
  const [submitted, setSubmitted] = useState(false);
  const [starting, setStarting] = useState<'no' | 'yes' | { error: string }>('no');
  const change = toChange(form);
  const problems = checkChange(change);
  const [kind, target] = form.choice.split(':') as [string, TextTarget | undefined];

  if (people.length === 0)
    return (
      <PageLayout title="Change positions">
        <Text>Select the people to change in the Organisation table first.</Text>
        <LinkButton to="/organisation" appearance="primary">
          Go to Organisation
        </LinkButton>
      </PageLayout>
    );

  const update = (patch: Partial<ChangeForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setPreviewed(undefined);
  };

  const preview = (event: SyntheticEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (problems.length > 0) return;
    setPreviewed(change);
    setShown(PREVIEW_STEP);
  };

  async function run(ready: BulkChange) {
    setStarting('yes');
    try {
      const accountId = instance.getActiveAccount()?.homeAccountId ?? '';
      const jobId = await createJob(
        accountId,
        describeChange(ready),
        { kind: 'change', change: ready },
        people,
      );
      await startJob(jobId);
      selection.clear();
      await navigate({ to: '/organisation/jobs/$jobId', params: { jobId } });
    } catch (error) {
      setStarting({ error: error instanceof Error ? error.message : String(error) });
    }
  }

  const message = (text: string | undefined) => (submitted ? text : undefined);
  const label = target ? TEXT_TARGETS[target].label : '';
  return (
    <PageLayout title="Change positions">
      <Text>
        {people.length} {people.length === 1 ? 'person' : 'people'} selected. The change applies to
        each one’s current positions; each is read again just before it is written, and only the
        change is applied.
      </Text>
      <form className={styles.form} onSubmit={preview} noValidate>
        <Field label="What to change">
          <Select
            value={form.choice}
            onChange={(_, data) => update({ choice: data.value as ChoiceKey })}
          >
            {CHOICES.map((choice) => (
              <option key={choice.key} value={choice.key}>
                {choice.label}
              </option>
            ))}
          </Select>
        </Field>
        {kind === 'replaceText' && (
          <Field
            label={`${label} to replace`}
            required
            validationMessage={message(problems.find((problem) => problem.includes('to replace')))}
          >
            <Input value={form.from} onChange={(_, data) => update({ from: data.value })} />
          </Field>
        )}
        {(kind === 'setText' || kind === 'replaceText') && (
          <Field
            label={kind === 'replaceText' ? `New ${label.toLowerCase()}` : label}
            required={target === 'company'}
            validationMessage={message(problems.find((problem) => !problem.includes('to replace')))}
          >
            <Input value={form.value} onChange={(_, data) => update({ value: data.value })} />
          </Field>
        )}
        {(kind === 'addCategory' || kind === 'removeCategory') && (
          <Field label="Category" required validationMessage={message(problems[0])}>
            <Input value={form.value} onChange={(_, data) => update({ value: data.value })} />
          </Field>
        )}
        {kind === 'setAudience' && (
          <Field label="Visible to" validationMessage={message(problems[0])}>
            <Select value={form.audience} onChange={(_, data) => update({ audience: data.value })}>
              {AUDIENCE_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {kind === 'endCurrent' && (
          <Field label="End month" required validationMessage={message(problems[0])}>
            <Input
              type="month"
              value={form.month}
              onChange={(_, data) => update({ month: data.value })}
            />
          </Field>
        )}
        <div className={styles.actions}>
          <Button type="submit" appearance={previewed ? 'secondary' : 'primary'}>
            Preview
          </Button>
          <LinkButton to="/organisation">Back to the table</LinkButton>
        </div>
      </form>

      {previewed && (
        <section aria-labelledby="change-preview-heading" style={{ display: 'grid', gap: 12 }}>
          <h2 id="change-preview-heading" className={styles.heading}>
            Preview: {describeChange(previewed)}
          </h2>
          <Text>
            What each person’s current positions would get, read now. The run reads each one again
            just before writing.
          </Text>
          <ul className={styles.list} aria-label="Preview by person">
            {people.slice(0, shown).map((person) => (
              <PreviewPerson key={person.id} person={person} change={previewed} />
            ))}
          </ul>
          <div className={styles.actions}>
            {shown < people.length && (
              <Button onClick={() => setShown((current) => current + PREVIEW_STEP)}>
                Preview {Math.min(PREVIEW_STEP, people.length - shown)} more (of{' '}
                {people.length - shown} not shown)
              </Button>
            )}
            <Button
              appearance="primary"
              disabled={starting === 'yes'}
              onClick={() => void run(previewed)}
            >
              Run the change for {people.length} {people.length === 1 ? 'person' : 'people'}
            </Button>
          </div>
          {typeof starting === 'object' && (
            <MessageBar intent="error">
              <MessageBarBody>The change could not start: {starting.error}</MessageBarBody>
            </MessageBar>
          )}
        </section>
      )}
    </PageLayout>
  );
}
