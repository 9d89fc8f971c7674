import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Title1,
} from '@fluentui/react-components';

/** Shown instead of the app when it cannot start: never a blank page. */
export function StartupError({ title, problems }: { title: string; problems: string[] }) {
  return (
    <main
      style={{ maxWidth: 720, margin: '0 auto', padding: '48px 16px', display: 'grid', gap: 16 }}
    >
      <Title1 as="h1">{title}</Title1>
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>What is wrong</MessageBarTitle>
          <ul style={{ margin: '8px 0 0', paddingLeft: 20 }}>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </MessageBarBody>
      </MessageBar>
      <Text>
        The settings come from <code>/app-config.js</code> (on the dev server, from the AUTH_* and
        GRAPH_BASE_URL environment variables). The README's section "Point it at a real tenant"
        lists them.
      </Text>
    </main>
  );
}
