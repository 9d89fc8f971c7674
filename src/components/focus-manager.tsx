import { useFocusFinders } from '@fluentui/react-components';

/**
 * Creates Fluent's focus manager (tabster) for the life of the app, right after the first
 * screen (its code is not on the first page). A Fluent modal dialog hides the rest of the
 * app from screen readers while it is open; when tabster was first created by the dialog
 * itself, closing it left the whole app aria-hidden.
 */
export default function FocusManager() {
  useFocusFinders();
  return null;
}
