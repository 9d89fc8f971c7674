import { useMsal } from '@azure/msal-react';
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useNavigate } from '@tanstack/react-router';
import { useState, type ChangeEvent } from 'react';
import { LinkButton } from '../../../components/link-button';
import { PageLayout } from '../../../components/page-layout';
import { createJob, startJob } from '../bulk/job-registry';
import { readImportFile, type ReadImport } from '../csv/csv-files';
import type { ImportedRow } from '../csv/position-columns';

const useStyles = makeStyles({
  heading: { ...typographyStyles.subtitle1, margin: 0 },
  list: { margin: 0, paddingLeft: '20px', display: 'grid', gap: '6px' },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    '& th, & td': {
      textAlign: 'left',
      padding: '6px 8px',
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      verticalAlign: 'top',
    },
  },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground2 },
  file: { fontSize: tokens.fontSizeBase300 },
});

type ImportState =
  | { step: 'idle' }
  | { step: 'checking'; fileName: string; checked: number; total: number }
  | { step: 'checked'; fileName: string; result: ReadImport }
  | { step: 'failed'; message: string };

const PROBLEMS_SHOWN = 200;
const VALID_SHOWN = 50;

function describeRow(row: ImportedRow): string {
  const title = row.values['detail.jobTitle'];
  const company = row.values['detail.company.displayName'];
  const parts = [
    typeof title === 'string' ? title : undefined,
    typeof company === 'string' ? `at ${company}` : undefined,
  ].filter(Boolean);
  const changed = Object.keys(row.values).length;
  return parts.join(' ') || `${changed} ${changed === 1 ? 'column' : 'columns'}`;
}

/**
 * Positions from a CSV file in the export's shape: every row checked by the form's rules
 * (a slice at a time, the page free in between), broken rows shown with their problems,
 * and the valid ones applied as a bulk job (updates by position id, creates where there
 * is none), each person read fresh first.
 */
export function ImportPage() {
  const styles = useStyles();
  const navigate = useNavigate();
  const { instance } = useMsal();
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [starting, setStarting] = useState<'no' | 'yes' | { error: string }>('no');

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setStarting('no');
    setState({ step: 'checking', fileName: file.name, checked: 0, total: 0 });
    try {
      const result = await readImportFile(file, {
        onProgress: (checked, total) =>
          setState({ step: 'checking', fileName: file.name, checked, total }),
      });
      setState({ step: 'checked', fileName: file.name, result });
    } catch (error) {
      setState({
        step: 'failed',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  async function apply(fileName: string, rows: ImportedRow[]) {
    setStarting('yes');
    try {
      const people = new Map<string, { id: string; name: string; userPrincipalName: string }>();
      for (const row of rows)
        if (!people.has(row.userId))
          people.set(row.userId, {
            id: row.userId,
            name: row.userPrincipalName || row.userId,
            userPrincipalName: row.userPrincipalName,
          });
      const accountId = instance.getActiveAccount()?.homeAccountId ?? '';
      const jobId = await createJob(
        accountId,
        `Import of ${fileName}`,
        { kind: 'import', fileName, rows },
        [...people.values()],
      );
      await startJob(jobId);
      await navigate({ to: '/organisation/jobs/$jobId', params: { jobId } });
    } catch (error) {
      setStarting({ error: error instanceof Error ? error.message : String(error) });
    }
  }

  const result = state.step === 'checked' ? state.result : undefined;
  const broken = result?.rows.filter((row) => row.problems.length > 0) ?? [];
  const valid = result?.rows.filter((row) => row.problems.length === 0) ?? [];

  return (
    <PageLayout title="Import positions">
      <Text>
        Choose a CSV file in the shape Export makes: one row per position, with the person’s userId,
        the positionId (empty for a new position) and the columns to set. Columns left out are not
        changed.
      </Text>
      <Field label="CSV file" hint="Nothing is sent until you apply the rows.">
        {(fieldProps) => (
          <input
            {...fieldProps}
            type="file"
            accept=".csv,text/csv"
            className={styles.file}
            onChange={(event) => void onFile(event)}
          />
        )}
      </Field>

      {state.step === 'checking' && (
        <Field label={`Checking ${state.fileName}: ${state.checked} of ${state.total || '…'} rows`}>
          <ProgressBar
            value={state.total ? state.checked / state.total : undefined}
            aria-label="Checking the file"
          />
        </Field>
      )}
      {state.step === 'failed' && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>The file could not be read: {state.message}</MessageBarBody>
        </MessageBar>
      )}
      {result && result.fileProblems.length > 0 && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>This file can’t be imported</MessageBarTitle>
            {result.fileProblems.join(' ')}
          </MessageBarBody>
        </MessageBar>
      )}

      {result?.fileProblems.length === 0 && state.step === 'checked' && (
        <>
          <Text role="status" weight="semibold">
            {result.rows.length} {result.rows.length === 1 ? 'row' : 'rows'}: {valid.length} ready,{' '}
            {broken.length} with problems.
          </Text>
          {broken.length > 0 && (
            <section aria-labelledby="import-problems-heading" style={{ display: 'grid', gap: 8 }}>
              <h2 id="import-problems-heading" className={styles.heading}>
                Rows with problems (not sent)
              </h2>
              <ul className={styles.list} aria-label="Rows with problems">
                {broken.slice(0, PROBLEMS_SHOWN).map((row) => (
                  <li key={row.line}>
                    <strong>Line {row.line}</strong>
                    {row.userPrincipalName ? ` (${row.userPrincipalName})` : ''}:{' '}
                    {row.problems.join(' ')}
                  </li>
                ))}
              </ul>
              {broken.length > PROBLEMS_SHOWN && (
                <Text className={styles.muted}>
                  And {broken.length - PROBLEMS_SHOWN} more rows with problems.
                </Text>
              )}
            </section>
          )}
          {valid.length > 0 && (
            <section aria-labelledby="import-valid-heading" style={{ display: 'grid', gap: 8 }}>
              <h2 id="import-valid-heading" className={styles.heading}>
                Rows ready to apply
              </h2>
              <table className={styles.table} aria-label="Rows ready to apply">
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Person</th>
                    <th scope="col">Position</th>
                    <th scope="col">What it sets</th>
                  </tr>
                </thead>
                <tbody>
                  {valid.slice(0, VALID_SHOWN).map((row) => (
                    <tr key={row.line}>
                      <td>{row.line}</td>
                      <td>{row.userPrincipalName || row.userId}</td>
                      <td>{row.positionId ? 'Update' : 'New'}</td>
                      <td>{describeRow(row)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {valid.length > VALID_SHOWN && (
                <Text className={styles.muted}>And {valid.length - VALID_SHOWN} more.</Text>
              )}
              <Text>
                Each person is read again first; only the properties a row changes are sent, and a
                row already as the file has it is skipped.
              </Text>
              <div className={styles.actions}>
                <Button
                  appearance="primary"
                  disabled={starting === 'yes'}
                  onClick={() => void apply(state.fileName, valid)}
                >
                  Apply {valid.length} {valid.length === 1 ? 'row' : 'rows'}
                </Button>
              </div>
              {typeof starting === 'object' && (
                <MessageBar intent="error">
                  <MessageBarBody>The import could not start: {starting.error}</MessageBarBody>
                </MessageBar>
              )}
            </section>
          )}
        </>
      )}
      <LinkButton to="/organisation">Back to Organisation</LinkButton>
    </PageLayout>
  );
}
