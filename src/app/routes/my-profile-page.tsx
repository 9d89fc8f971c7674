import { PageLayout } from '../../components/page-layout';
import {
  AddPositionButton,
  PositionsList,
} from '../../features/positions/components/positions-list';
import { paths } from '../paths';

export function MyProfilePage() {
  return (
    <PageLayout title="My positions" actions={<AddPositionButton to={paths.newPosition} />}>
      <PositionsList
        owner="me"
        editPath={paths.position}
        newPath={paths.newPosition}
        emptyText="Add the roles you've held, so colleagues can see your experience on your Microsoft 365 profile."
      />
    </PageLayout>
  );
}
