import { PageLayout } from '../../components/page-layout';
import {
  AddPositionButton,
  PositionsList,
} from '../../features/positions/components/positions-list';

/** My profile: the signed-in user's positions (the first page). */
export function MyProfilePage() {
  return (
    <PageLayout title="My positions" actions={<AddPositionButton owner="me" />}>
      <PositionsList
        owner="me"
        emptyText="Add the roles you've held, so colleagues can see your experience on your Microsoft 365 profile."
      />
    </PageLayout>
  );
}
