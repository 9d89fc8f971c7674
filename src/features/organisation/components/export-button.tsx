import { Button, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { describeError } from '../../../graph/describe-error';
import type { Position } from '../../positions/types';
import { othersQueue, readPositionsThrough } from '../api/graph-batches';
import { positionsToCsv } from '../csv/csv-files';
import type { SelectedPerson } from '../selection';
import { downloadText, fileStamp } from '../utils/download';

type ExportState =
  | { step: 'idle' }
  | { step: 'reading'; read: number; total: number }
  | { step: 'done'; rows: number; failed: string[] };

/**
 * Exports the selected people's positions to CSV: each person's positions read fresh
 * (batched), one row per position, every writable property (csv/position-columns.ts).
 */
export function ExportButton({ people }: { people: readonly SelectedPerson[] }) {
  const [state, setState] = useState<ExportState>({ step: 'idle' });

  async function run() {
    const queue = othersQueue();
    let read = 0;
    setState({ step: 'reading', read, total: people.length });
    const failed: string[] = [];
    const results = await Promise.all(
      people.map(async (person) => {
        try {
          const positions: Position[] = await readPositionsThrough(queue, person.id);
          return {
            person: { id: person.id, userPrincipalName: person.userPrincipalName },
            positions,
          };
        } catch (error) {
          failed.push(`${person.name}: ${describeError(error).title}`);
          return {
            person: { id: person.id, userPrincipalName: person.userPrincipalName },
            positions: [],
          };
        } finally {
          read += 1;
          if (read % 20 === 0 || read === people.length)
            setState({ step: 'reading', read, total: people.length });
        }
      }),
    );
    downloadText(`positions-${fileStamp()}.csv`, positionsToCsv(results));
    setState({
      step: 'done',
      rows: results.reduce((sum, result) => sum + result.positions.length, 0),
      failed,
    });
  }

  return (
    <>
      <Button disabled={people.length === 0 || state.step === 'reading'} onClick={() => void run()}>
        Export selected (CSV)
      </Button>
      <Text role="status">
        {state.step === 'reading'
          ? `Reading positions: ${state.read} of ${state.total} people…`
          : state.step === 'done'
            ? `Exported ${state.rows} positions.${state.failed.length ? ` Not exported: ${state.failed.join('; ')}.` : ''}`
            : ''}
      </Text>
    </>
  );
}
