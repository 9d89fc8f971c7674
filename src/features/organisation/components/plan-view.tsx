import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PersonPlan } from '../bulk/plan';

const useStyles = makeStyles({
  list: { margin: '4px 0 0', paddingLeft: '20px', display: 'grid', gap: '4px' },
  body: {
    margin: '4px 0 0',
    padding: '8px',
    maxHeight: '220px',
    overflow: 'auto',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** A person's plan: each write with its exact body, each skip with its reason. */
export function PlanView({ plan }: { plan: PersonPlan }) {
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {plan.writes.map((write) => (
        <li key={write.positionId ?? `line-${String(write.rowNumber)}`}>
          <Text>
            {write.kind === 'create' ? 'Add ' : 'Change '}
            <strong>{write.label}</strong>
            {write.rowNumber !== undefined ? ` (line ${write.rowNumber})` : ''}:{' '}
            {write.kind === 'create' ? 'POST' : 'PATCH'} body
          </Text>
          {/* A scrollable region takes focus, so it can be scrolled from the keyboard. */}
          <pre
            className={styles.body}
            role="group"
            tabIndex={0}
            aria-label={`${write.kind === 'create' ? 'POST' : 'PATCH'} body for ${write.label}`}
          >
            {JSON.stringify(write.body, null, 2)}
          </pre>
        </li>
      ))}
      {plan.skips.map((skip, index) => (
        <li key={`skip-${skip.positionId ?? String(skip.rowNumber ?? index)}`}>
          <Text className={styles.muted}>
            {skip.problem ? 'Cannot change' : 'Skip'} <strong>{skip.label}</strong>
            {skip.rowNumber !== undefined ? ` (line ${skip.rowNumber})` : ''}: {skip.reason}
          </Text>
        </li>
      ))}
    </ul>
  );
}
