import { Skeleton, SkeletonItem, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  list: { display: 'grid', gap: '12px' },
  card: {
    padding: '16px',
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    display: 'grid',
    gap: '8px',
  },
});

/** The shape of the list while it loads. */
export function PositionsSkeleton() {
  const styles = useStyles();
  return (
    <div className={styles.list} role="status" aria-label="Loading positions">
      {[0, 1, 2].map((key) => (
        <Skeleton key={key} className={styles.card} aria-hidden>
          <SkeletonItem size={20} style={{ width: '40%' }} />
          <SkeletonItem size={16} style={{ width: '60%' }} />
          <SkeletonItem size={12} style={{ width: '30%' }} />
        </Skeleton>
      ))}
    </div>
  );
}
