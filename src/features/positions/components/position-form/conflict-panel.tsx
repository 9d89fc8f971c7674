import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Position } from '../../types';
import { describeLastEdit } from '../../utils/format-dates';
import { describeFieldValue } from '../../utils/position-fields';
import type { FieldConflict } from '../../utils/merge-edits';

const useStyles = makeStyles({
  panel: {
    display: 'grid',
    gap: '12px',
    padding: '16px',
    borderRadius: tokens.borderRadiusLarge,
    border: `2px solid ${tokens.colorPaletteMarigoldBorderActive}`,
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus': { outline: 'none' },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  heading: { ...typographyStyles.subtitle1, margin: 0 },
  conflict: {
    display: 'grid',
    gap: '8px',
    padding: '12px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  versions: {
    display: 'grid',
    gap: '8px',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 220px), 1fr))',
  },
  version: { display: 'grid', gap: '2px', overflowWrap: 'anywhere' },
  caption: { color: tokens.colorNeutralForeground3, ...typographyStyles.caption1 },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

/**
 * Shown when someone else saved this position while the user was editing it and both
 * changed the same fields: the two versions side by side, and a choice for each.
 * Fields only one of them changed were merged already.
 */
export function ConflictPanel({
  conflicts,
  server,
  onResolve,
  busy,
}: {
  conflicts: FieldConflict[];
  server: Position;
  onResolve: (choices: Record<string, 'mine' | 'theirs'>) => void;
  busy: boolean;
}) {
  const styles = useStyles();
  const [choices, setChoices] = useState<Record<string, 'mine' | 'theirs'>>(() =>
    Object.fromEntries(conflicts.map((conflict) => [conflict.field.path, 'mine'])),
  );
  const panelRef = useRef<HTMLElement>(null);
  useEffect(() => panelRef.current?.focus(), []);
  const edited = describeLastEdit(server);
  return (
    <section
      className={styles.panel}
      ref={panelRef}
      tabIndex={-1}
      aria-labelledby="conflict-heading"
      role="region"
    >
      <h2 id="conflict-heading" className={styles.heading}>
        Someone else changed this position while you were editing
      </h2>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{edited ?? 'It was changed on the server.'}</MessageBarTitle>
          Where only one of you changed a field, both changes are kept. For{' '}
          {conflicts.length === 1 ? 'the field below' : `the ${conflicts.length} fields below`},
          choose which version to keep. Nothing is saved until you do.
        </MessageBarBody>
      </MessageBar>
      {conflicts.map((conflict) => (
        <div key={conflict.field.path} className={styles.conflict}>
          <div className={styles.versions}>
            <div className={styles.version}>
              <span className={styles.caption}>{conflict.field.label}: now on the server</span>
              <span dir="auto">{describeFieldValue(conflict.field, conflict.theirs)}</span>
            </div>
            <div className={styles.version}>
              <span className={styles.caption}>{conflict.field.label}: yours</span>
              <span dir="auto">{describeFieldValue(conflict.field, conflict.mine)}</span>
            </div>
          </div>
          <Field label={`Keep which ${conflict.field.label.toLowerCase()}?`}>
            <RadioGroup
              layout="horizontal"
              value={choices[conflict.field.path]}
              onChange={(_, data) =>
                setChoices((current) => ({
                  ...current,
                  [conflict.field.path]: data.value as 'mine' | 'theirs',
                }))
              }
            >
              <Radio value="mine" label="Keep mine" />
              <Radio value="theirs" label="Use theirs" />
            </RadioGroup>
          </Field>
        </div>
      ))}
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => onResolve(choices)} disabled={busy}>
          Save with these choices
        </Button>
        <Button
          onClick={() =>
            onResolve(
              Object.fromEntries(conflicts.map((conflict) => [conflict.field.path, 'theirs'])),
            )
          }
          disabled={busy}
        >
          Use theirs for all
        </Button>
      </div>
    </section>
  );
}
