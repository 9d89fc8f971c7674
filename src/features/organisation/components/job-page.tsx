import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { GraphErrorMessage } from '../../../components/graph-error-message';
import { LinkButton } from '../../../components/link-button';
import { PageLayout } from '../../../components/page-layout';
import type { JobProgress, JobRunner } from '../bulk/job-runner';
import {
  jobJournal,
  runnerCount,
  runnerOf,
  startJob,
  subscribeToRunners,
} from '../bulk/job-registry';
import { FINAL_STATES, type JobRecord, type PersonEntry } from '../bulk/journal';
import { reportToCsv, RESULT_WORDS } from '../bulk/report';
import { downloadText, fileStamp } from '../utils/download';

const useStyles = makeStyles({
  counts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))',
    gap: '8px',
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  count: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px 12px',
    display: 'grid',
  },
  countLabel: { color: tokens.colorNeutralForeground2 },
  countValue: { ...typographyStyles.subtitle1 },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  heading: { ...typographyStyles.subtitle1, margin: 0 },
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
  muted: { color: tokens.colorNeutralForeground2 },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
});

const numberFormat = new Intl.NumberFormat();

function duration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${seconds % 60} s`;
}

/** A runner's progress, re-rendered as it changes (at most a few times a second). */
function useProgress(runner: JobRunner): JobProgress {
  const [progress, setProgress] = useState(runner.progress);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = runner.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setProgress(runner.progress);
      }, 200);
    });
    // Time passes while Graph asks to wait: the elapsed time and estimate move on.
    const tick = setInterval(() => runner.changed(), 1000);
    return () => {
      unsubscribe();
      clearInterval(tick);
      if (timer) clearTimeout(timer);
    };
  }, [runner]);
  return progress;
}

function spoken(progress: JobProgress): string {
  const summary = `${numberFormat.format(progress.total - progress.remaining)} of ${numberFormat.format(progress.total)} finished: ${progress.done} changed, ${progress.failed} failed, ${progress.skipped} skipped.`;
  return progress.status === 'finished' || progress.status === 'cancelled'
    ? `The change is ${progress.status}. ${summary}`
    : summary;
}

/** Tells screen readers the progress every ten seconds, and the end at once. */
function useAnnouncement(runner: JobRunner): string {
  const [text, setText] = useState('');
  useEffect(() => {
    let ended = false;
    const timer = setInterval(() => setText(spoken(runner.progress)), 10_000);
    const unsubscribe = runner.subscribe(() => {
      const { status } = runner.progress;
      if (!ended && (status === 'finished' || status === 'cancelled')) {
        ended = true;
        setText(spoken(runner.progress));
      }
    });
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [runner]);
  return text;
}

function ProgressPanel({ runner }: { runner: JobRunner }) {
  const styles = useStyles();
  const progress = useProgress(runner);
  const announcement = useAnnouncement(runner);
  const finished = progress.total - progress.remaining;
  const running = progress.status === 'running' || progress.status === 'paused';
  const cancelling = runner.people.some((person) => !FINAL_STATES.has(person.state)) && !running;
  const counts: [string, number | string][] = [
    ['Done', progress.done],
    ['Failed', progress.failed],
    ['Skipped', progress.skipped],
    ['Waiting on throttling', progress.waitingOnThrottle],
    ['Left', progress.remaining],
  ];
  if (progress.cancelled > 0) counts.push(['Cancelled', progress.cancelled]);
  return (
    <section aria-labelledby="job-progress-heading" style={{ display: 'grid', gap: 12 }}>
      <h2 id="job-progress-heading" className={styles.heading}>
        Progress
      </h2>
      <Field
        label={`${numberFormat.format(finished)} of ${numberFormat.format(progress.total)} people`}
        hint={
          progress.status === 'paused'
            ? 'Paused.'
            : running
              ? progress.etaMs !== undefined
                ? `About ${duration(progress.etaMs)} left (${numberFormat.format(progress.requestsSent)} requests sent, ${numberFormat.format(progress.throttledAnswers)} throttled).`
                : 'Estimating the time left…'
              : `${progress.status === 'finished' ? 'Finished' : 'Cancelled'} in ${duration(progress.elapsedMs)}.`
        }
      >
        <ProgressBar value={progress.total ? finished / progress.total : 1} thickness="large" />
      </Field>
      <ul className={styles.counts} aria-label="Counts">
        {counts.map(([label, value]) => (
          <li key={label} className={styles.count}>
            <span className={styles.countLabel}>{label}: </span>
            <span className={styles.countValue}>
              {typeof value === 'number' ? numberFormat.format(value) : value}
            </span>
          </li>
        ))}
      </ul>
      <div className={styles.hidden} role="status" aria-live="polite">
        {announcement}
      </div>
      {running && (
        <div className={styles.actions}>
          {progress.status === 'paused' ? (
            <Button appearance="primary" onClick={() => void runner.resume()}>
              Resume
            </Button>
          ) : (
            <Button onClick={() => void runner.pause()}>Pause</Button>
          )}
          <Button onClick={() => runner.cancel()} disabled={cancelling}>
            Cancel the rest
          </Button>
        </div>
      )}
    </section>
  );
}

const REPORT_STEP = 100;

function Report({ job, people }: { job: JobRecord; people: readonly PersonEntry[] }) {
  const styles = useStyles();
  const [show, setShow] = useState<'all' | 'failed' | 'skipped' | 'done'>('all');
  const [shown, setShown] = useState(REPORT_STEP);
  const rows = people.filter((person) =>
    show === 'all' ? true : show === 'done' ? person.state === 'done' : person.state === show,
  );
  return (
    <section aria-labelledby="job-report-heading" style={{ display: 'grid', gap: 12 }}>
      <h2 id="job-report-heading" className={styles.heading}>
        Report
      </h2>
      <div className={styles.actions}>
        <Field label="Show" orientation="horizontal">
          <Select
            value={show}
            onChange={(_, data) => {
              setShow(data.value as typeof show);
              setShown(REPORT_STEP);
            }}
          >
            <option value="all">Everyone</option>
            <option value="done">Changed</option>
            <option value="failed">Failed</option>
            <option value="skipped">Skipped</option>
          </Select>
        </Field>
        <Button
          onClick={() => downloadText(`bulk-report-${fileStamp()}.csv`, reportToCsv(job, people))}
        >
          Download the report (CSV)
        </Button>
      </div>
      <table className={styles.table} aria-label="Report by person">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Result</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shown).map((person) => (
            <tr key={person.userId}>
              <td>
                {person.name}
                <br />
                <Text size={200} className={styles.muted}>
                  {person.userPrincipalName}
                </Text>
              </td>
              <td>{RESULT_WORDS[person.state]}</td>
              <td>
                {person.outcomes.length === 0 ? (
                  <span className={styles.muted}>–</span>
                ) : (
                  person.outcomes.map((outcome, index) => (
                    <div key={index}>
                      {outcome.label}
                      {outcome.rowNumber !== undefined ? ` (line ${outcome.rowNumber})` : ''}:{' '}
                      {RESULT_WORDS[outcome.result]}
                      {outcome.message ? `. ${outcome.message}` : ''}
                      {outcome.requestId ? (
                        <Text size={200} className={styles.muted}>
                          {' '}
                          Request ID {outcome.requestId}
                        </Text>
                      ) : null}
                    </div>
                  ))
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown && (
        <Button onClick={() => setShown((current) => current + REPORT_STEP)}>
          Show {Math.min(REPORT_STEP, rows.length - shown)} more (of {rows.length - shown})
        </Button>
      )}
    </section>
  );
}

function RunningJob({ runner }: { runner: JobRunner }) {
  // The report follows the runner's entries as they change.
  useProgress(runner);
  return (
    <>
      <ProgressPanel runner={runner} />
      <Report job={runner.record} people={runner.people} />
    </>
  );
}

/**
 * One bulk job: while it runs here, its progress (counts, the time left, pause, resume,
 * cancel) and report; a job of this browser that is not running in this tab (a reload,
 * a crash) is shown as its journal has it, with a way to resume it.
 */
export function JobPage({ jobId }: { jobId: string }) {
  const queryClient = useQueryClient();
  const [resumeError, setResumeError] = useState<unknown>();
  useSyncExternalStore(subscribeToRunners, runnerCount);
  const runner = runnerOf(jobId);
  const saved = useQuery({
    queryKey: ['organisation', 'job', jobId],
    queryFn: async () => {
      const job = await jobJournal().getJob(jobId);
      return job ? { job, people: await jobJournal().people(jobId) } : null;
    },
    enabled: !runner,
    staleTime: 0,
    retry: false,
  });

  if (runner)
    return (
      <PageLayout title={runner.record.title}>
        <RunningJob runner={runner} />
        <LinkButton to="/organisation">Back to Organisation</LinkButton>
      </PageLayout>
    );
  if (saved.isPending)
    return (
      <PageLayout title="Bulk change">
        <Spinner label="Reading the job…" />
      </PageLayout>
    );
  if (saved.isError || !saved.data)
    return (
      <PageLayout title="Bulk change">
        <Text>This job is not in this browser. Jobs are kept in the browser that ran them.</Text>
        <LinkButton to="/organisation">Back to Organisation</LinkButton>
      </PageLayout>
    );
  const { job, people } = saved.data;
  const unfinished = job.status === 'running' || job.status === 'paused';
  return (
    <PageLayout title={job.title}>
      {unfinished && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            This change stopped before it finished (the page was reloaded or closed). Resume it to
            finish: changes already made are checked, never made twice.
          </MessageBarBody>
        </MessageBar>
      )}
      {unfinished && (
        <div>
          <Button
            appearance="primary"
            onClick={() =>
              void startJob(jobId)
                .then(() => queryClient.invalidateQueries({ queryKey: ['organisation'] }))
                .catch(setResumeError)
            }
          >
            Resume
          </Button>
        </div>
      )}
      {resumeError !== undefined && (
        <GraphErrorMessage error={resumeError} action="Resuming the change" />
      )}
      <Report job={job} people={people} />
      <LinkButton to="/organisation">Back to Organisation</LinkButton>
    </PageLayout>
  );
}
