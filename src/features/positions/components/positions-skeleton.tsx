import { SkeletonBlock } from '../../../components/plain';

/** The shape of the list while it loads. */
export function PositionsSkeleton() {
  return (
    <div className="pe-list" role="status" aria-label="Loading positions">
      {[0, 1, 2].map((key) => (
        <div key={key} className="pe-card pe-card--stack" aria-hidden>
          <SkeletonBlock width="40%" height={20} />
          <SkeletonBlock width="60%" height={16} />
          <SkeletonBlock width="30%" height={12} />
        </div>
      ))}
    </div>
  );
}
