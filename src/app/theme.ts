import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { useSyncExternalStore } from 'react';

const query = () => window.matchMedia('(prefers-color-scheme: dark)');

function subscribe(listener: () => void) {
  const media = query();
  media.addEventListener('change', listener);
  return () => media.removeEventListener('change', listener);
}

/** Microsoft 365's light or dark theme, following the system setting as it changes. */
export function useSystemTheme(): Theme {
  const dark = useSyncExternalStore(subscribe, () => query().matches);
  return dark ? webDarkTheme : webLightTheme;
}
