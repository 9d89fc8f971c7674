import { useMsal } from '@azure/msal-react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { discardJob, interruptedJobs, startJob } from '../bulk/job-registry';

/**
 * Jobs of this account that stopped before they finished (a reload, a crashed tab, a
 * closed window), offered to resume where they stood, or to discard.
 */
export function InterruptedJobs() {
  const { instance } = useMsal();
  const accountId = instance.getActiveAccount()?.homeAccountId ?? '';
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // A job that could not be resumed here (another tab runs it), in words.
  const [problem, setProblem] = useState<{ jobId: string; message: string }>();
  const jobs = useQuery({
    queryKey: ['organisation', 'interrupted-jobs', accountId],
    queryFn: () => interruptedJobs(accountId),
    staleTime: 0,
    retry: false,
  });
  if (!jobs.data?.length) return null;
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: ['organisation', 'interrupted-jobs'] });
  return (
    <>
      {jobs.data.map((job) => (
        <MessageBar key={job.id} intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>A change did not finish</MessageBarTitle>“{job.title}” for {job.total}{' '}
            {job.total === 1 ? 'person' : 'people'} stopped on{' '}
            {new Date(job.updatedAt).toLocaleString()}. Resume it to finish: changes already made
            are checked, never made twice.
            {problem?.jobId === job.id && <> It could not be resumed here: {problem.message}</>}
          </MessageBarBody>
          <MessageBarActions>
            <Button
              appearance="primary"
              onClick={() =>
                void startJob(job.id)
                  .then(() =>
                    navigate({ to: '/organisation/jobs/$jobId', params: { jobId: job.id } }),
                  )
                  .catch((error: unknown) => {
                    setProblem({
                      jobId: job.id,
                      message: error instanceof Error ? error.message : String(error),
                    });
                  })
              }
            >
              Resume
            </Button>
            <Button onClick={() => void discardJob(job.id).then(refresh)}>Discard</Button>
          </MessageBarActions>
        </MessageBar>
      ))}
    </>
  );
}
