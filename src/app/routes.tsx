import { Text, Title2 } from '@fluentui/react-components';
import { useMe } from '../features/me/api/get-me';

/** Placeholder home until the positions feature lands. */
export function AppRoutes() {
  const me = useMe();
  return (
    <div style={{ padding: 24 }}>
      <Title2 as="h1">My profile</Title2>
      <Text as="p">{me.data ? `Signed in as ${me.data.displayName}` : 'Loading…'}</Text>
    </div>
  );
}
